// Reference tables generated from the registries, so the docs cannot drift from the code:
// docs/reference/metrics.md (src/model/metrics.ts) and docs/reference/scoring.md
// (src/model/bases.ts and each mechanism kind's title and description). The text between
// `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` must equal what this test
// builds; UPDATE_DOCS=1 rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { KINDS } from '../../src/mechanisms/registry.js';
import { BASES } from '../../src/model/bases.js';
import { FLOOR_FIELDS, FLOOR_READINGS, MONEY_METRICS, RATIO_METRICS, TARGET_FIELDS } from '../../src/model/metrics.js';

const ROOT = join(import.meta.dirname, '..', '..');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const ctx = { includeFollowOn: false, basisLabel: 'as published' };

function metricsTable(): string {
  const rows = [
    '| path | label in tables | flows summed | meaning |',
    '|---|---|---|---|',
    ...MONEY_METRICS.map(
      (m) =>
        `| \`${m.id}\` | ${cell(m.label(ctx))} | ${m
          .flows(ctx)
          .map(([k, s]) => (s === 1 ? k : `−${k}`))
          .join(' + ')} | ${cell(m.description)} |`,
    ),
    ...RATIO_METRICS.map(
      (m) => `| \`${m.id}\` | ${cell(m.label(ctx))} | ${m.numerator} / ${m.denominator} | ${cell(m.description)} |`,
    ),
  ];
  return [
    ...rows,
    '',
    `Floor tests: \`floor.GOV.READING.FIELD\` with READING one of ${FLOOR_READINGS.map((r) => `\`${r}\``).join(', ')} and FIELD one of ${FLOOR_FIELDS.map((f) => `\`${f}\``).join(', ')} (default \`met\`).`,
    `Target: \`target.FIELD\` with FIELD one of ${TARGET_FIELDS.map((f) => `\`${f}\``).join(', ')}.`,
  ].join('\n');
}

function scoringTables(): string {
  return [
    '| basis | label | what it is |',
    '|---|---|---|',
    ...BASES.map((b) => `| \`${b.id}\` | ${b.label} | ${cell(b.description)} |`),
    '',
    '| kind | title | what it models and how its budget cost is scored |',
    '|---|---|---|',
    ...KINDS.map((k) => `| \`${k.kind}\` | ${cell(k.title)} | ${cell(k.description)} |`),
  ].join('\n');
}

function checkGenerated(file: string, name: string, body: string): void {
  const path = join(ROOT, file);
  const text = readFileSync(path, 'utf8');
  const open = `<!-- generated:${name} -->\n`;
  const close = `\n<!-- /generated:${name} -->`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  expect(a >= 0 && b > a, `${file} needs ${open.trim()} ... ${close.trim()}`).toBe(true);
  const now = text.slice(a + open.length, b);
  if (process.env.UPDATE_DOCS === '1' && now !== body) {
    writeFileSync(path, text.slice(0, a + open.length) + body + text.slice(b));
    return;
  }
  expect(now, `${file} is out of date with the code; rewrite it with UPDATE_DOCS=1 npx vitest run test/docs`).toBe(body);
}

/** Every command's --help, as the CLI prints it at 80 columns. */
async function cliReference(): Promise<string> {
  const top = await cli(['--help']);
  const names = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((n) => n !== 'help');
  const parts = ['## compact-model', '', '```text', top.stdout.trimEnd(), '```'];
  for (const n of names) {
    const r = await cli([n, '--help']);
    parts.push('', `## ${n}`, '', '```text', r.stdout.trimEnd(), '```');
  }
  return parts.join('\n');
}

describe('generated reference tables', () => {
  it("docs/reference/cli.md holds every command's help", async () => {
    checkGenerated('docs/reference/cli.md', 'cli', await cliReference());
  });
  it('docs/reference/metrics.md lists every metric of src/model/metrics.ts', () => {
    checkGenerated('docs/reference/metrics.md', 'metrics', metricsTable());
  });
  it('docs/reference/scoring.md lists every basis and every mechanism kind', () => {
    checkGenerated('docs/reference/scoring.md', 'scoring', scoringTables());
  });
});

// scenario.schema.json in yaml-language-server itself (the engine of VS Code's YAML
// extension), driven over its stdio protocol: no false errors on the shipped scenarios and
// the templates, the value mistakes check reports flagged in the editor at the same place,
// and hovers that say what a key means.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankTemplate } from '../../src/scaffold/blank.js';
import { initTemplate } from '../../src/scaffold/template.js';
import { cli } from '../support/cli.js';
import { LspClient } from '../support/lsp.js';

const ROOT = process.cwd();
const SERVER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const schemaUri = pathToFileURL(join(ROOT, 'scenario.schema.json')).href;
// Every .yaml file gets the schema, as a user's settings (or the file's modeline) would give it.
const settings = {
  yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [schemaUri]: ['*.yaml'] } },
};
// The modeline would point at the schema by a relative path: left out, the settings give it.
const noModeline = (t: string) => t.replace(/^# yaml-language-server:.*\n/, '');
const BLANK = noModeline(blankTemplate('x', 'unused.json'));

let lsp: LspClient;
let dir: string;
let n = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cm-lsp-'));
  lsp = new LspClient(process.execPath, [SERVER, '--stdio'], settings);
  await lsp.start(pathToFileURL(ROOT).href);
});
afterAll(async () => {
  await lsp.stop();
  rmSync(dir, { recursive: true, force: true });
});

const open = (name: string, text: string) => lsp.open(pathToFileURL(join(dir, `${n++}-${name}`)).href, text);

describe('yaml-language-server with scenario.schema.json', () => {
  it('reports nothing on the shipped scenarios, the blank plan and the init template', async () => {
    // The shipped files where they are, so their own modeline finds the schema.
    for (const f of readdirSync(join(ROOT, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
      const path = join(ROOT, 'scenarios', f);
      expect(await lsp.open(pathToFileURL(path).href, readFileSync(path, 'utf8')), f).toEqual([]);
    }
    expect(await open('blank.yaml', BLANK)).toEqual([]);
    expect(await open('init.yaml', noModeline(initTemplate('x', 'compact-2026', 'unused.json', true)))).toEqual([]);
  });

  // Each mistake in the blank plan: the editor flags it where `check` does.
  const MISTAKES: [string, string, string][] = [
    ['TBD', 'AA: { amount: 100M, per: year, source: "assumption" }', 'AA: { amount: TBD, per: year }'],
    ['5 milion', 'AA: { amount: 100M, per: year, source: "assumption" }', 'AA: { amount: 5 milion, per: year }'],
    ['-5M', 'AA: { amount: 100M, per: year, source: "assumption" }', 'AA: { amount: -5M, per: year }'],
    ['subsidyRate 500%', 'subsidyRate: 5%', 'subsidyRate: 500%'],
    ['probability 170%', 'probability: 50%', 'probability: 170%'],
  ];
  for (const [what, from, to] of MISTAKES) {
    it(`flags ${what} where check does`, async () => {
      expect(BLANK).toContain(from);
      const text = BLANK.replace(from, to);
      const file = join(dir, `${what.replace(/\W/g, '_')}.yaml`);
      writeFileSync(file, text);
      const r = await cli(['check', '--format', 'json', file], { cwd: dir });
      expect(r.code, r.stdout).toBe(2);
      const first = (JSON.parse(r.stdout) as { files: { diagnostics: { line: number; col: number }[] }[] }).files[0]!
        .diagnostics[0]!;
      const ds = await open(`${what.replace(/\W/g, '_')}.yaml`, text);
      expect(ds.length, what).toBeGreaterThan(0);
      // LSP positions count from 0; check's from 1.
      expect(ds.map((d) => [d.range.start.line + 1, d.range.start.character + 1])).toContainEqual([first.line, first.col]);
    });
  }

  it('hovers say what a key means, and a mechanism kind its title', async () => {
    const uri = pathToFileURL(join(dir, 'hover.yaml')).href;
    expect(await lsp.open(uri, BLANK)).toEqual([]);
    const lines = BLANK.split('\n');
    const at = async (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      const h = await lsp.hover(uri, line, lines[line]!.indexOf(needle.trim()) + 1);
      return h ? (typeof h.contents === 'string' ? h.contents : h.contents.value) : '';
    };
    expect(await at('subsidyRate: 5%')).toMatch(/subsidy rate/i);
    expect(await at('appropriations:')).toMatch(/Budget authority/);
    expect(await at('kind: loan-guarantee')).toMatch(/Loan guarantee/);
    expect(await at('crowdIn: 1.5x-2.5x')).toMatch(/Private/i);
  });
});

// Mutation test (issue 6): each shipped scenario, edited at random (seeded) the way
// people break YAML by hand, must never crash `run`, `check` or `diff`: exit 0, 1 or 2,
// no stack trace. Commands are taken from the program, so ones added later join in.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import { makeProgram } from '../../src/cli/program.js';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';
import { INTERNAL, ROOT, STACK_FRAME } from './support.js';

const SEED = 20260601;
const MUTANTS_PER_SCENARIO = 70; // each with 1-8 edits: ~300 edits per scenario
const SCENARIOS = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type R = ReturnType<typeof rng>;

const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e300,
  'text',
  '',
  '5Q',
  '$2B-1B',
  '150%',
  'FY1999',
  [],
  {},
  [1, 2],
  { a: 1 },
  '2x',
  'FY2040',
  3.5,
];
const KEY_NAMES = [
  'amount',
  'per',
  'from',
  'to',
  'years',
  'kind',
  'id',
  'year',
  'commit',
  'gate',
  'study',
  'months',
  'shares',
  'rates',
  'extends',
  'name',
  'US',
  'IL',
  'XX',
  'remove',
  'fallback',
  'metric',
];

interface Site {
  pair?: Pair;
  parent: Node;
  node: Node | null;
}

function sites(doc: Document): Site[] {
  const out: Site[] = [];
  visit(doc, {
    Pair(_, pair, path) {
      out.push({ pair: pair as Pair, parent: path[path.length - 1] as Node, node: (pair as Pair).value as Node | null });
    },
    Seq(_, seq) {
      for (const it of seq.items) out.push({ parent: seq, node: it as Node });
    },
  });
  return out;
}

/** One random edit: delete a key, change a type, perturb a number, rename a key, duplicate an item. */
function mutate(doc: Document, r: R): string {
  const all = sites(doc);
  if (all.length === 0) return 'none';
  const s = r.pick(all);
  const op = r.int(6);
  if (op === 0 && s.pair && isMap(s.parent)) {
    s.parent.items.splice(s.parent.items.indexOf(s.pair), 1);
    return 'delete key';
  }
  if (op === 1) {
    const v = doc.createNode(r.pick(ODD_VALUES));
    if (s.pair) s.pair.value = v;
    else if (isSeq(s.parent)) s.parent.items[s.parent.items.indexOf(s.node as never)] = v;
    return 'change type';
  }
  if (op === 2) {
    const nums = all.filter((x) => isScalar(x.node) && typeof x.node.value === 'number');
    if (nums.length) {
      const n = r.pick(nums).node as import('yaml').Scalar<number>;
      n.value = r.pick([
        (x: number) => -x,
        (x: number) => x * 1000,
        (x: number) => x + 0.5,
        () => 0,
        (x: number) => x * 1e20,
        (x: number) => x - 1,
      ])(n.value);
      return 'perturb number';
    }
    const strs = all.filter((x) => isScalar(x.node) && typeof x.node.value === 'string' && /\d/.test(String(x.node.value)));
    if (strs.length) {
      const n = r.pick(strs).node as import('yaml').Scalar<string>;
      n.value = n.value.replace(/\d+(\.\d+)?/, (d) =>
        r.pick([String(Number(d) * 10), '0', `-${d}`, `${d}.${d}`, '999999999999']),
      );
      return 'perturb figure';
    }
  }
  if (op === 3 && s.pair && isScalar(s.pair.key)) {
    const k = String(s.pair.key.value);
    s.pair.key = doc.createNode(r.pick([`${k}s`, k.slice(1), k.toUpperCase(), r.pick(KEY_NAMES)]));
    return 'rename key';
  }
  if (op === 4) {
    const seqs = all.filter((x) => isSeq(x.node) && x.node.items.length > 0);
    if (seqs.length) {
      const seq = r.pick(seqs).node as import('yaml').YAMLSeq;
      const item = seq.items[r.int(seq.items.length)] as Node;
      seq.items.push(isScalar(item) || isMap(item) || isSeq(item) ? item.clone() : item);
      return 'duplicate item';
    }
  }
  if (op === 5 && isPair(s.pair) && isMap(s.node)) {
    s.node.items = s.node.items.slice(0, r.int(s.node.items.length + 1));
    return 'truncate mapping';
  }
  return 'none';
}

/** The argument lists to try for a mutant, for every command of interest that the program has. */
function commandsFor(base: string, file: string): string[][] {
  const names = new Set(
    makeProgram({
      io: { out() {}, err() {}, cwd: ROOT, env: {}, stdoutIsTTY: false, stderrIsTTY: false },
      exitCode: 0,
    }).commands.map((c) => c.name()),
  );
  const out: string[][] = [['run', file]];
  if (names.has('check')) out.push(['check', file]);
  if (names.has('diff')) out.push(['diff', base, file]);
  return out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-mutants-'));
  // Mutants live beside copies of the shipped scenarios so their `extends` still resolve.
  for (const f of SCENARIOS) copyFileSync(join(ROOT, 'scenarios', f), join(dir, f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('random edits of the shipped scenarios never crash a command', () => {
  it.each(SCENARIOS)(
    '%s',
    async (scenario) => {
      const r = rng(SEED + SCENARIOS.indexOf(scenario));
      const text = readFileSync(join(ROOT, 'scenarios', scenario), 'utf8');
      let edits = 0;
      for (let i = 0; i < MUTANTS_PER_SCENARIO; i++) {
        const doc = parseDocument(text);
        const applied: string[] = [];
        for (let k = 1 + r.int(8); k > 0; k--) applied.push(mutate(doc, r));
        edits += applied.length;
        const file = `mutant-${scenario.replace('.yaml', '')}-${i}.yaml`;
        writeFileSync(join(dir, file), doc.toString());
        for (const args of commandsFor('compact-2026.yaml', file)) {
          let res: Awaited<ReturnType<typeof cli>>;
          try {
            res = await cli(args, { cwd: dir });
          } catch (e) {
            throw new Error(
              `${args.join(' ')} threw on mutant ${i} of ${scenario} (${applied.join(', ')}): ${(e as Error).stack}\n--- mutant ---\n${doc.toString()}`,
              { cause: e },
            );
          }
          const where = `${args.join(' ')} on mutant ${i} of ${scenario} (${applied.join(', ')})`;
          expect([0, 1, 2], `${where}: exit ${res.code}\n${res.stderr.slice(0, 2000)}`).toContain(res.code);
          expect(res.stderr, where).not.toMatch(STACK_FRAME);
          expect(res.stderr + res.stdout, where).not.toMatch(INTERNAL);
        }
      }
      expect(edits).toBeGreaterThanOrEqual(100);
    },
    120_000,
  );
});

// Found by the mutation run above: a `kind:` that is a mapping crashed String() (exit 2 now).
describe('kind written as a mapping', () => {
  it('is a diagnostic at the value, not a crash', async () => {
    const dir = writeFiles({
      'k.yaml':
        'name: x\nhorizon: { start: FY2027, years: 3 }\ngovernments: { AA: { name: A } }\ntargets: { floor: 1M, mobilization: 1M }\nmechanisms:\n  - id: G-1\n    kind: { a: 1 }\n',
    });
    const r = await cli(['run', join(dir, 'k.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('k.yaml:7:11: error unknown-kind: mechanisms[G-1]: kind is a mapping');
  });
});

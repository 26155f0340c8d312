// Unit tests for check's pieces: assertion parsing, the assert-list merge along extends,
// and the rules on small scenarios with figures worked out by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compare, showValue } from '../../src/measure/assert.js';
import { parseAssertion } from '../../src/model/assertion.js';
import { parseMetricPath } from '../../src/model/paths.js';
import { Dec } from '../../src/core/money.js';
import { Loader } from '../../src/read/load.js';
import { evaluate } from '../../src/measure/evaluate.js';
import { loadScenario } from '../../src/normalize/load.js';
import { runRules } from '../../src/check/rules.js';

const NAMES = { govs: ['US', 'IL'], mechs: ['F-1', 'F-3'], start: 2027, years: 10 };
const P = (t: string) => parseAssertion(t, NAMES);
const ref = (p: string) => {
  const r = parseMetricPath(p, NAMES);
  if (!r.ok) throw new Error(r.message);
  return r.ref;
};

describe('parseAssertion', () => {
  it('reads a bare number as USD millions and a unit as written', () => {
    const a = P('budgetCost.US <= 5000');
    const b = P('budgetCost.US<=5B');
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      // 5000 (millions) = 5,000,000,000 = 5B
      expect((a.assertion.value as Dec).eq(Dec.of(5_000_000_000))).toBe(true);
      expect((b.assertion.value as Dec).eq(Dec.of(5_000_000_000))).toBe(true);
      expect(a.assertion.op).toBe('<=');
    }
  });
  it('reads ratios, negative amounts and a bare test metric', () => {
    const r = P('leverage.commitment.total >= 0.2x');
    expect(r.ok && (r.assertion.value as Dec).eq(Dec.of('0.2'))).toBe(true);
    const n = P('netAfterReturns.US > -250');
    expect(n.ok && (n.assertion.value as Dec).eq(Dec.of(-250_000_000))).toBe(true);
    const t = P('target.met');
    expect(t.ok && t.assertion.op === '==' && t.assertion.value === true).toBe(true);
  });
  it('points at the part at fault', () => {
    const text = 'budgetCost.US == 3B-4B';
    const r = P(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(text.slice(r.offset, r.offset + r.length)).toBe('3B-4B');
    const m = P('budgetCost.XX <= 1');
    if (!m.ok) expect('budgetCost.XX <= 1'.slice(m.offset, m.offset + m.length)).toBe('budgetCost.XX');
    expect(P('budgetCost.US').ok).toBe(false); // an amount alone compares nothing
    expect(P('target.met < true').ok).toBe(false);
  });
  it('comparisons agree with their negations (a op b == !(a negop b))', () => {
    const neg = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' } as const;
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer(),
        fc.constantFrom('<', '<=', '>', '>=', '==', '!=' as const),
        (a, b, op) => compare(Dec.of(a), op, Dec.of(b)) === !compare(Dec.of(a), neg[op], Dec.of(b)),
      ),
    );
  });
  it('shows amounts in exact USD millions with grouped digits', () => {
    expect(showValue(Dec.of('4375000000'), ref('budgetCost.US'))).toBe('4,375');
    expect(showValue(Dec.of('437500000'), ref('budgetCost.US.perYear'))).toBe('437.5');
    expect(showValue(Dec.of('-75000000'), ref('budgetCost.US'))).toBe('-75');
  });
});

const BASE = `name: base
horizon: { start: FY2027, years: 10 }
governments: [US, IL]
mechanisms:
  - id: G-1
    kind: grant-program
    appropriations:
      US: { amount: 100M, per: year }
    programs:
      - id: P-1
        amount:
          US: { byYear: { FY2027: 60M, FY2030: 120M } }
      - id: P-2
        amount:
          US: { amount: 50M, per: year, from: FY2029 }
assert:
  - publicCommitment.US == 1000
  - { id: cap, that: budgetCost.US <= 900 }
`;

function load(files: Record<string, string>, main: string) {
  const dir = mkdtempSync(join(tmpdir(), 'check-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return loadScenario(main, new Loader(dir));
}

describe('rules on a small scenario', () => {
  it('reports each program overrun once per mechanism and government, at the program that tips it over', () => {
    const l = load({ 'base.yaml': BASE }, 'base.yaml');
    const s = l.scenario!;
    const r = runRules(s, (c) => evaluate(s, c), { strictClaims: false });
    // Envelope 100/yr. Drawn: FY2027 60; FY2028 0; FY2029 50; FY2030 120 + 50 = 170; FY2031-36 50.
    // Only FY2030 is over (170 > 100); P-1 alone (120) already exceeds it, so P-1 is named.
    const over = r.diagnostics.filter((d) => d.code === 'program-overrun');
    expect(over).toHaveLength(1);
    expect(over[0]!.message).toContain(
      'program "P-1" takes G-1\'s programs to 170 in FY2030, above G-1\'s US appropriations of 100',
    );
    expect(over[0]!.message).toContain('overrun in FY2030');
    // publicCommitment.US = 10 x 100 = 1000 holds; budgetCost.US = 1000 > 900 fails.
    const failed = r.diagnostics.filter((d) => d.code === 'assertion-failed');
    expect(failed.map((d) => d.message)).toEqual(['assertion "budgetCost.US <= 900" fails: budgetCost.US is 1,000']);
    expect(r.assertions).toEqual({ total: 2, hold: 1 });
  });

  it("adds an extending file's assertions to its base's; an id replaces or removes one", () => {
    const child = `extends: base.yaml
name: child
assert:
  - publicCommitment.US == 1000
  - { id: cap, that: budgetCost.US <= 1000 }
  - budgetCost.IL == 0
`;
    const l = load({ 'base.yaml': BASE, 'child.yaml': child }, 'child.yaml');
    const a = l.scenario!.assertions;
    // The repeated expression is kept once (from the base); "cap" is replaced in place; the new one follows.
    expect(a.map((x) => [x.text, x.loc.file])).toEqual([
      ['publicCommitment.US == 1000', 'base.yaml'],
      ['budgetCost.US <= 1000', 'child.yaml'],
      ['budgetCost.IL == 0', 'child.yaml'],
    ]);
    const removed = load(
      { 'base.yaml': BASE, 'c2.yaml': 'extends: base.yaml\nname: c2\nassert:\n  - { id: cap, remove: true }\n' },
      'c2.yaml',
    );
    expect(removed.scenario!.assertions.map((x) => x.text)).toEqual(['publicCommitment.US == 1000']);
  });

  it('checks declared totals with absolute and relative tolerances', () => {
    const t = BASE.replace(
      'assert:',
      `totals:
  - { id: a, metric: budgetCost.US, value: 1.0005B, tolerance: 1M }
  - { id: b, metric: budgetCost.US, value: 990M, tolerance: 1% }
  - { id: c, metric: budgetCost.US, value: 980M, tolerance: 1% }
assert:`,
    );
    const l = load({ 'base.yaml': t }, 'base.yaml');
    const s = l.scenario!;
    const r = runRules(s, (c) => evaluate(s, c), { strictClaims: false });
    // budgetCost.US = 1000. a: |1000 - 1000.5| = 0.5 <= 1 holds; b: |1000 - 990| = 10 > 9.9 (1% of 990) fails;
    // c: 20 > 9.8 fails.
    const mism = r.diagnostics.filter((d) => d.code === 'total-mismatch').map((d) => d.message);
    expect(mism).toEqual([
      'declared total "b" (budgetCost.US) is 990 but the scenario sums to 1,000 (difference +10; tolerance 1%)',
      'declared total "c" (budgetCost.US) is 980 but the scenario sums to 1,000 (difference +20; tolerance 1%)',
    ]);
    expect(r.totals).toEqual({ total: 3, hold: 1 });
  });
});

describe('fallback-before-study', () => {
  const scen = (from: string) => `name: fallback
horizon: { start: FY2027, years: 10 }
governments: [US]
mechanisms:
  - id: P
    kind: gated-project
    study: { months: 30 }
    window: { months: 12 }
    commit: { US: 100M }
    fallback: G
  - id: G
    kind: grant-program
    appropriations:
      US: { amount: 10M, per: year, from: ${from} }
`;
  it('flags a fallback that commits before the study concludes', () => {
    // The study ends in month 30: year index floor(30 / 12) = 2, FY2029. G commits from FY2027.
    const s = load({ 'f.yaml': scen('FY2027') }, 'f.yaml').scenario!;
    const r = runRules(s, (c) => evaluate(s, c), { strictClaims: false });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'fallback "G" commits in FY2027, before P\'s feasibility study concludes in FY2029',
    ]);
  });
  it('accepts one that starts in the year the study concludes', () => {
    const s = load({ 'f.yaml': scen('FY2029') }, 'f.yaml').scenario!;
    expect(runRules(s, (c) => evaluate(s, c), { strictClaims: false }).diagnostics).toEqual([]);
  });
});

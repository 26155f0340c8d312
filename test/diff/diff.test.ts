// diff as a value: hand-checked changes on the shipped alternatives, the two laws
// (no change against itself; swapping sides negates every change), and thresholds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { evaluate, type Evaluation } from '../../src/measure/evaluate.js';
import { loadScenario } from '../../src/normalize/load.js';
import { Loader } from '../../src/read/load.js';
import type { Case } from '../../src/compute/engine.js';
import { Dec } from '../../src/core/money.js';
import { diffEvaluations, type Row, type ScenarioDiff } from '../../src/measure/diff.js';
import {
  checkPolicy,
  checkThreshold,
  parseThreshold,
  verdictMatches,
  type NumericThreshold,
} from '../../src/measure/thresholds.js';

import { diffReport } from '../../src/report/diff.js';
import type { Table } from '../../src/report/model.js';
import { cellText } from '../../src/report/values.js';
import { writeFiles } from '../support/scenario.js';

const ROOT = join(import.meta.dirname, '..', '..');
const loader = new Loader(ROOT);
const FILES = ['compact-2026', 'f3-high', 'f4-no-second-wave', 'f5-study-fails', 'f6-two-years-late'] as const;
const cache = new Map<string, Evaluation>();
function ev(name: string, c: Case = 'base'): Evaluation {
  const key = `${name}/${c}`;
  let e = cache.get(key);
  if (!e) {
    const file = name.includes('/') ? name : `scenarios/${name}.yaml`;
    const r = loadScenario(file, loader);
    if (!r.scenario) throw new Error(`cannot load ${file}`);
    e = evaluate(r.scenario, c);
    cache.set(key, e);
  }
  return e;
}

const mil = (x: Dec | null) => (x === null ? null : x.div(1_000_000).toPlain(6));
const rowOf = (rows: Row[], path: string) => {
  const r = rows.find((x) => x.path === path);
  if (!r) throw new Error(`no row ${path}`);
  return r;
};
const all = (d: ScenarioDiff) => [...d.headline, ...d.byMechanism, ...d.byYear];
const changeOf = (d: ScenarioDiff, path: string) => mil(rowOf(all(d), path).change);

describe('diff on the shipped alternatives (figures worked out by hand)', () => {
  it('f3-high: F-3 face 2.5B -> 3B', () => {
    const d = diffEvaluations(ev('compact-2026'), ev('f3-high'));
    // US public commitment: 8757.5 (1000 + 2500 + 2500 + 1000 + 750 + 1000 + S-1B 7.5) -> 9257.5: +500.
    const pc = rowOf(d.headline, 'publicCommitment.US');
    expect([mil(pc.base), mil(pc.alt), mil(pc.change)]).toEqual(['8757.5', '9257.5', '500']);
    // 500 / 8757.5 = 0.05709391950...: +5.709391950...%.
    expect(pc.pct!.toFixed(9)).toBe('5.709391950');
    // US budget cost: the credit subsidy is 5% of face, so 5% x 500 = +25 (4382.5 -> 4407.5).
    const bc = rowOf(d.headline, 'budgetCost.US');
    expect([mil(bc.base), mil(bc.alt), mil(bc.change)]).toEqual(['4382.5', '4407.5', '25']);
    expect(changeOf(d, 'budgetCost.IL')).toBe('0');
    expect(rowOf(d.headline, 'budgetCost.IL').changed).toBe(false);
    // F-3 by mechanism: commitment 2500 -> 3000, budget cost 125 -> 150.
    expect(changeOf(d, 'publicCommitment.US.F-3')).toBe('500');
    expect(changeOf(d, 'budgetCost.US.F-3')).toBe('25');
    // Headline mobilization: 18855 -> 19355 (+500 commitment; no private capital on F-3).
    expect(changeOf(d, 'headlineMobilization.total')).toBe('500');
    // Obligations are spread evenly over 10 years: +50 a year of commitment, +2.5 of budget cost.
    expect(changeOf(d, 'publicCommitment.US.FY2027')).toBe('50');
    expect(changeOf(d, 'budgetCost.US.FY2036')).toBe('2.5');
    // The one input that differs, with its range and the alternative's source.
    expect(d.inputs.map((r) => r.path)).toEqual(['mechanisms[F-3].obligations.US.amount']);
    const inp = d.inputs[0]!;
    if (inp.base?.value.kind !== 'figure' || inp.alt?.value.kind !== 'figure') throw new Error('expected figures');
    expect([inp.base.value.value.low, inp.base.value.value.base, inp.base.value.value.high].map(mil)).toEqual([
      '2000',
      '2500',
      '3000',
    ]);
    expect(mil(inp.alt.value.value.base)).toBe('3000');
    expect(inp.alt.source).toContain('top of $2-3B');
    // The F-3 cost claims ($100-150M; at most ~$150M) hold at 125 and still at 5% x 3000 = 150: none changes.
    expect(d.claims.filter((c) => c.changed).map((c) => [c.id, c.base?.holds, c.alt?.holds])).toEqual([]);
    expect(d.verdicts.filter((v) => v.changed)).toEqual([]);
  });

  it('f4-no-second-wave: the year-6 fund (500 + 500) is never committed', () => {
    const d = diffEvaluations(ev('compact-2026'), ev('f4-no-second-wave'));
    // Private mobilized: crowd-in 2x on 500 + 500 = -2000 (4015 -> 2015, S-1B's 15 stays).
    const pm = rowOf(d.headline, 'privateMobilized.total');
    expect([mil(pm.base), mil(pm.alt), mil(pm.change)]).toEqual(['4015', '2015', '-2000']);
    // -2000 / 4015 = -49.813200...%
    expect(pm.pct!.toFixed(6)).toBe('-49.813200');
    // Public commitment -500 per side; headline = -1000 commitment - 2000 private = -3000.
    expect(changeOf(d, 'publicCommitment.US')).toBe('-500');
    expect(changeOf(d, 'publicCommitment.IL')).toBe('-500');
    expect(changeOf(d, 'headlineMobilization.total')).toBe('-3000');
    // Not appropriated: no budget cost moves.
    expect(changeOf(d, 'budgetCost.total')).toBe('0');
    // The wave would have been committed in year 6, FY2032.
    expect(changeOf(d, 'publicCommitment.total.FY2032')).toBe('-1000');
    expect(changeOf(d, 'privateMobilized.total.FY2032')).toBe('-2000');
    // The file states the outcome and its odds (0%), so simulate draws nothing for the gate.
    expect(d.inputs.map((r) => r.path)).toEqual([
      'mechanisms[F-4].waves[fund-2].gate.probability',
      'mechanisms[F-4].waves[fund-2].gate.holds',
    ]);
    const holds = d.inputs.find((r) => r.path.endsWith('.holds'))!;
    expect([holds.base?.value.value, holds.alt?.value.value]).toEqual(['true', 'false']);
  });

  it('f5-study-fails: F-5 commits nothing', () => {
    const d = diffEvaluations(ev('compact-2026'), ev('f5-study-fails'));
    // Base case of $500M-1B is 750 (US), of $250M-500M is 375 (IL); appropriated, so budget cost too.
    expect(changeOf(d, 'budgetCost.US')).toBe('-750');
    expect(changeOf(d, 'budgetCost.IL')).toBe('-375');
    expect(changeOf(d, 'headlineMobilization.total')).toBe('-1125');
    // 750 / 4382.5 = 17.113519...%
    expect(rowOf(d.headline, 'budgetCost.US').pct!.toFixed(4)).toBe('-17.1135');
    // F-5 inactive, its study failing, and its fallback Fort Foundry One (unquantified) active instead.
    expect(d.inputs.map((r) => r.path)).toEqual([
      'mechanisms[F-5].study.probability',
      'mechanisms[F-5]',
      'mechanisms[F-5].study.passes',
      'mechanisms[FF-1]',
    ]);
    // The two "if confirmed viable" F-5 claims (amount, timing) no longer apply (they hold vacuously).
    expect(d.claims.filter((c) => c.changed).map((c) => c.id)).toEqual(['f5-combined', 'f5-committed-12-months']);
  });

  it('f6-two-years-late: F-6 loses FY2027 and FY2028 at 100 per side per year', () => {
    const d = diffEvaluations(ev('compact-2026'), ev('f6-two-years-late'));
    // 2 years x 100 = -200 per side, -400 in all.
    expect(changeOf(d, 'budgetCost.US')).toBe('-200');
    expect(changeOf(d, 'budgetCost.IL')).toBe('-200');
    expect(changeOf(d, 'publicCommitment.total')).toBe('-400');
    expect(changeOf(d, 'budgetCost.US.FY2027')).toBe('-100');
    expect(changeOf(d, 'budgetCost.IL.FY2028')).toBe('-100');
    expect(changeOf(d, 'budgetCost.US.FY2029')).toBe('0');
    expect(changeOf(d, 'budgetCost.US.F-6')).toBe('-200');
    // The cause: both windows move; the amounts (100 a year) stay, but cite the alternative's reason.
    const settings = d.inputs.filter((r) => r.base?.value.kind === 'setting');
    expect(settings.map((r) => [r.path, r.base?.value.value, r.alt?.value.value])).toEqual([
      ['mechanisms[F-6].appropriations.US', 'per year, FY2027-FY2036', 'per year, FY2029-FY2036'],
      ['mechanisms[F-6].appropriations.IL', 'per year, FY2027-FY2036', 'per year, FY2029-FY2036'],
    ]);
    const figures = d.inputs.filter((r) => r.base?.value.kind === 'figure');
    expect(figures.map((r) => r.path).sort()).toEqual([
      'mechanisms[F-6].appropriations.IL.amount',
      'mechanisms[F-6].appropriations.US.amount',
    ]);
    for (const r of figures) expect(r.alt?.source).toMatch(/delays appropriations to FY2029/);
  });

  it('a lower floor flips the appropriated-basis floor verdicts', () => {
    // Appropriated averages: US 4382.5 / 10 = 438.25, IL 4082.5 / 10 = 408.25; both < 500 but >= 400.
    const d = diffEvaluations(ev('compact-2026'), ev('test/fixtures/diff/floor-400.yaml'));
    expect(d.verdicts.filter((v) => v.changed)).toEqual([
      { path: 'floor.US.appropriated.met', label: 'Floor, US: budget, as published', base: false, alt: true, changed: true },
      { path: 'floor.IL.appropriated.met', label: 'Floor, IL: budget, as published', base: false, alt: true, changed: true },
    ]);
    expect(all(d).filter((r) => r.changed)).toEqual([]);
  });
});

const pairs = fc.tuple(
  fc.constantFrom(...FILES),
  fc.constantFrom<Case>('low', 'base', 'high'),
  fc.constantFrom(...FILES),
  fc.constantFrom<Case>('low', 'base', 'high'),
);

describe('laws', () => {
  it('diff(A, A) shows no change', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.constantFrom<Case>('low', 'base', 'high'), (f, c) => {
        const d = diffEvaluations(ev(f, c), ev(f, c));
        for (const r of all(d)) {
          expect(r.changed).toBe(false);
          if (r.change !== null) expect(r.change.isZero()).toBe(true);
        }
        expect(d.inputs).toEqual([]);
        expect(d.verdicts.some((v) => v.changed)).toBe(false);
        expect(d.claims.some((c) => c.changed)).toBe(false);
      }),
      { numRuns: 15 },
    );
  });

  it('diff(A, B) is exactly the negative of diff(B, A)', () => {
    fc.assert(
      fc.property(pairs, ([f, c, g, k]) => {
        const ab = diffEvaluations(ev(f, c), ev(g, k));
        const ba = diffEvaluations(ev(g, k), ev(f, c));
        const back = new Map(all(ba).map((r) => [r.path, r]));
        expect(all(ab).length).toBe(all(ba).length);
        for (const r of all(ab)) {
          const s = back.get(r.path)!;
          expect(s.changed).toBe(r.changed);
          // Exact: the same Dec values, swapped, and the change negated to the last digit.
          expect(s.base === null ? null : s.base.toPlain(40)).toBe(r.alt === null ? null : r.alt.toPlain(40));
          expect(s.alt === null ? null : s.alt.toPlain(40)).toBe(r.base === null ? null : r.base.toPlain(40));
          if (r.change !== null) expect(s.change!.neg().eq(r.change)).toBe(true);
        }
        expect(ba.verdicts.map((v) => [v.path, v.alt, v.base, v.changed])).toEqual(
          ab.verdicts.map((v) => [v.path, v.base, v.alt, v.changed]),
        );
        expect(ba.claims.map((x) => [x.id, x.alt?.holds, x.base?.holds, x.changed])).toEqual(
          ab.claims.map((x) => [x.id, x.base?.holds, x.alt?.holds, x.changed]),
        );
        expect(ba.inputs.map((x) => [x.path, x.alt, x.base])).toEqual(ab.inputs.map((x) => [x.path, x.base, x.alt]));
      }),
      { numRuns: 40 },
    );
  });

  it('the laws hold for any change to any one figure', () => {
    const fresh = () => {
      const r = loadScenario('scenarios/compact-2026.yaml', loader);
      return r.scenario!;
    };
    const base = ev('compact-2026');
    const n = fresh().figures.length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 300 }), (i, pct) => {
        // Scale one figure (a fresh copy of the scenario) by 0..3x; the engine reads the same Fig objects.
        const s = fresh();
        const f = s.figures[i]!;
        const k = Dec.of(pct).div(100);
        f.value = { low: f.value.low.times(k), base: f.value.base.times(k), high: f.value.high.times(k) };
        const alt = evaluate(s, 'base');
        const ab = diffEvaluations(base, alt);
        const ba = diffEvaluations(alt, base);
        const back = new Map(all(ba).map((r) => [r.path, r]));
        for (const r of all(ab)) if (r.change !== null) expect(back.get(r.path)!.change!.neg().eq(r.change)).toBe(true);
        const self = diffEvaluations(alt, alt);
        expect(all(self).some((r) => r.changed)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});

describe('--fail-if thresholds', () => {
  const num = (s: string) => parseThreshold(s) as NumericThreshold;
  it('parses metric, operator, signed number and unit', () => {
    expect(parseThreshold('budgetCost.US > +100')).toMatchObject({ path: 'budgetCost.US', op: '>', percent: false });
    expect(num('budgetCost.US > +100').limit.toPlain()).toBe('100');
    expect(parseThreshold('headlineMobilization<-5%')).toMatchObject({ path: 'headlineMobilization', op: '<', percent: true });
    expect(num('headlineMobilization<-5%').limit.toPlain()).toBe('-5');
    expect(num('outlays.total.FY2029 >= 2.5').op).toBe('>=');
    expect(num('leverage.commitment.total <= -0.1').op).toBe('<=');
    for (const bad of [
      '',
      'budgetCost.US',
      'budgetCost.US > ',
      '> 100',
      'budgetCost.US => 100',
      'budgetCost.US > 1e3',
      'budgetCost.US > 10%%',
    ])
      expect(parseThreshold(bad)).toBeUndefined();
  });

  it('reads a signed limit as a change, `level` as the figure itself, the old unsigned form as a change (deprecated)', () => {
    expect(parseThreshold('budgetCost.US > +600')).toMatchObject({ form: 'change', legacy: false });
    expect(parseThreshold('budgetCost.US > +10%')).toMatchObject({ form: 'change', percent: true, legacy: false });
    expect(parseThreshold('budgetCost.US > 600 level')).toMatchObject({ form: 'level', legacy: false });
    expect(parseThreshold('budgetCost.US > 600')).toMatchObject({ form: 'change', legacy: true });
    // A percentage is relative to the base: a change, signed or not, never the old form.
    expect(parseThreshold('budgetCost.US > 10%')).toMatchObject({ form: 'change', legacy: false });
    // A level has no sign and no percent.
    expect(parseThreshold('budgetCost.US > +600 level')).toBeUndefined();
    expect(parseThreshold('budgetCost.US > 5% level')).toBeUndefined();
  });

  it('accepts every amount form the scenario format does, in USD millions', () => {
    // 0.1B = 100,000,000 = 100 million; 1.2bn = 1,200 million; $250,000,000 = 250 million; 100M = 100.
    expect(num('budgetCost.US > +0.1B').limit.toPlain()).toBe('100');
    expect(num('budgetCost.US > +$1.2bn').limit.toPlain()).toBe('1200');
    expect(num('budgetCost.US > 250,000,000 level').limit.toPlain()).toBe('250');
    expect(num('budgetCost.US < -100M').limit.toPlain()).toBe('-100');
    expect(num('budgetCost.US > +100').limit.toPlain()).toBe('100');
    expect(parseThreshold('budgetCost.US > +1B-2B')).toBeUndefined();
  });

  it('parses verdict policies', () => {
    expect(parseThreshold('floor.US.met: must-not-flip')).toEqual({
      form: 'must-not-flip',
      text: 'floor.US.met: must-not-flip',
      path: 'floor.US.met',
    });
    expect(parseThreshold('targets.*: must-not-flip')).toMatchObject({ form: 'must-not-flip', path: 'targets.*' });
    expect(parseThreshold('floor.US.met: must-flip')).toBeUndefined();
  });

  it('matches verdict paths: floor.G.met is every reading, targets.* the target', () => {
    expect(verdictMatches('floor.US.met', 'floor.US.appropriated.met')).toBe(true);
    expect(verdictMatches('floor.US.met', 'floor.US.commitment.met')).toBe(true);
    expect(verdictMatches('floor.US.met', 'floor.IL.commitment.met')).toBe(false);
    expect(verdictMatches('floor.*.met', 'floor.IL.commitment.met')).toBe(true);
    expect(verdictMatches('targets.*', 'target.met')).toBe(true);
    expect(verdictMatches('target.met', 'floor.US.appropriated.met')).toBe(false);
  });

  it('must-not-flip fails when a matching verdict changes, and does not apply where none matches', () => {
    const v = (path: string, base: boolean, alt: boolean) => ({ path, label: path, base, alt, changed: base !== alt });
    const verdicts = [
      v('floor.US.appropriated.met', true, false),
      v('floor.US.commitment.met', true, true),
      v('target.met', true, true),
    ];
    expect(checkPolicy({ form: 'must-not-flip', text: '', path: 'floor.US.met' }, verdicts)).toMatchObject({
      applies: true,
      crossed: true,
      flips: [verdicts[0]],
    });
    expect(checkPolicy({ form: 'must-not-flip', text: '', path: 'targets.*' }, verdicts)).toMatchObject({ crossed: false });
    expect(checkPolicy({ form: 'must-not-flip', text: '', path: 'floor.IL.met' }, verdicts)).toMatchObject({ applies: false });
  });

  it('a rate rewritten without its source ({ value: 8%, source } -> 6%) is one change of value, keeping the source', () => {
    const dir = writeFiles({
      'a.yaml':
        'extends: compact-2026\nname: A\nmechanisms:\n  - id: F-3\n    subsidyRate: { value: 8%, source: "a study, l.1" }\n',
      'b.yaml': 'extends: a.yaml\nname: B\nmechanisms:\n  - id: F-3\n    subsidyRate: 6%\n',
    });
    const at = (f: string) => evaluate(loadScenario(join(dir, f), new Loader(dir)).scenario!);
    const d = diffEvaluations(at('a.yaml'), at('b.yaml'));
    const rate = d.inputs.filter((r) => r.path.includes('subsidyRate'));
    expect(rate.map((r) => [r.path, r.base?.source, r.alt?.source])).toEqual([
      ['mechanisms[F-3].subsidyRate', 'a study, l.1', undefined],
    ]);
    // 0.08 -> 0.06, one row.
    expect(
      rate.map((r) => [r.base!.value, r.alt!.value].map((v) => (v.kind === 'figure' ? v.value.base.toString() : v.value))),
    ).toEqual([['0.08', '0.06']]);
    const report = diffReport(d, { all: false, thresholds: [] });
    const inputs = report.sections.find((x) => x.id === 'diff-inputs')!.blocks[0] as Table;
    expect(inputs.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['mechanisms[F-3].subsidyRate', '8%', '6%', "a study, l.1 (the base's source)", expect.stringMatching(/b\.yaml:5$/)],
    ]);
  });

  it('a level compares the alternative’s own figure', () => {
    const a = ev('compact-2026'),
      b = ev('f3-high');
    // f3-high's US budget cost: the baseline's 4,382.5 + 25 = 4,407.5 (test/core/baseline.test.ts; +5% x 500).
    expect(crossed('budgetCost.US > 4407 level', a, b)).toBe(true);
    expect(crossed('budgetCost.US > 4407.5 level', a, b)).toBe(false);
    expect(crossed('budgetCost.US >= 4.4075B level', a, b)).toBe(true);
    // The old unsigned form keeps its meaning: a change of +25 is not above 600.
    expect(crossed('budgetCost.US > 600', a, b)).toBe(false);
  });

  it('a threshold naming a government or mechanism the scenarios do not have does not apply; a typo in the metric is an error', () => {
    const a = ev('compact-2026'),
      b = ev('f3-high');
    expect(checkThreshold(num('budgetCost.XX > +1'), a, b)).toMatchObject({ ok: true, applies: false });
    expect(checkThreshold(num('budgetCost.US.F-99 > +1'), a, b)).toMatchObject({ ok: true, applies: false });
    expect(checkThreshold(num('measure.nothing > +1'), a, b)).toMatchObject({ ok: true, applies: false });
    expect(checkThreshold(num('budgetCots.US > +1'), a, b)).toMatchObject({ ok: false });
    expect(checkThreshold(num('leverage.commitment.total > +1M'), a, b)).toMatchObject({ ok: false });
  });

  /** Whether threshold `s` is crossed going from a to b. */
  const crossed = (s: string, a: ReturnType<typeof ev>, b: ReturnType<typeof ev>) => {
    const r = checkThreshold(num(s), a, b);
    if (!r.ok) throw new Error(r.message);
    if (!r.applies) throw new Error(r.why);
    return r.crossed;
  };

  it('compares the change in USD millions, or in percent of base', () => {
    const a = ev('compact-2026'),
      b = ev('f3-high');
    const check = (s: string) => crossed(s, a, b);
    // budgetCost.US moves +25.
    expect(check('budgetCost.US > +24')).toBe(true);
    expect(check('budgetCost.US > +25')).toBe(false);
    expect(check('budgetCost.US >= 25')).toBe(true);
    expect(check('budgetCost.US < 0')).toBe(false);
    // publicCommitment.US moves +5.709...%.
    expect(check('publicCommitment.US > 5.7%')).toBe(true);
    expect(check('publicCommitment.US > 5.72%')).toBe(false);
    // f4: headline -3000 of 18855 = -15.91%.
    const c = ev('f4-no-second-wave');
    expect(crossed('headlineMobilization < -5%', a, c)).toBe(true);
    expect(crossed('headlineMobilization < -16%', a, c)).toBe(false);
  });

  it('from zero, any change is an unbounded percentage in its own direction', () => {
    // F-5 US budget cost: 0 when the study fails -> 750 when it passes.
    const a = ev('f5-study-fails'),
      b = ev('compact-2026');
    expect(crossed('budgetCost.US.F-5 > +1000%', a, b)).toBe(true);
    expect(crossed('budgetCost.US.F-5 < -1%', a, b)).toBe(false);
  });

  it('an unknown metric or a true/false metric is refused with a hint', () => {
    const a = ev('compact-2026'),
      b = ev('f3-high');
    const r = checkThreshold(num('budgetCots.US > 1'), a, b);
    expect(r).toMatchObject({ ok: false, hint: 'did you mean "budgetCost"?' });
    const r2 = checkThreshold(num('floor.US.appropriated.met > 0'), a, b);
    expect(r2.ok).toBe(false);
  });
});

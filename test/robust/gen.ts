// A fast-check generator of valid scenarios: random governments, horizons, and
// mechanisms of every kind with whole-million amounts, rendered as YAML with every
// amount multiplied by `scale` (so a law can compare a scenario with its double).
import fc from 'fast-check';
import { stringify } from 'yaml';

export interface Spec {
  govs: string[];
  start: number;
  years: number;
  mechs: MechSpec[];
}
type PerGov = Record<string, { amount: number; per: 'year' | 'total' }>;
type MechSpec =
  | { kind: 'grant-program'; alloc: PerGov; shares: number[]; followOn: number }
  | { kind: 'equity-vehicle'; alloc: PerGov; multiple: number; lag: number; over: number; coInvest: number }
  | { kind: 'credit-facility'; alloc: PerGov; subsidy: number; shares: number[]; coFinance: number }
  | { kind: 'lp-fund-waves'; waves: { year: number; commit: Record<string, number> }[]; crowdIn: number }
  | {
      kind: 'gated-project';
      startMonth: number;
      months: number;
      window: number;
      commit: Record<string, number>;
      coFinance: number;
    };

const GOVS = ['US', 'IL', 'UK', 'DE'];
/** Whole percents summing to 100. */
const shares = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }).map((w) => {
  const total = w.reduce((a, b) => a + b, 0);
  const pct = w.map((x) => Math.floor((x * 100) / total));
  pct[pct.length - 1]! += 100 - pct.reduce((a, b) => a + b, 0);
  return pct;
});
const amount = fc.integer({ min: 1, max: 3000 });

export const specArb: fc.Arbitrary<Spec> = fc
  .record({
    govs: fc.subarray(GOVS, { minLength: 1, maxLength: 3 }),
    start: fc.integer({ min: 2020, max: 2040 }),
    years: fc.integer({ min: 2, max: 12 }),
  })
  .chain(({ govs, start, years }) => {
    const perGov = fc.record(
      Object.fromEntries(govs.map((g) => [g, fc.record({ amount, per: fc.constantFrom('year' as const, 'total' as const) })])),
    ) as fc.Arbitrary<PerGov>;
    const commit = fc.record(Object.fromEntries(govs.map((g) => [g, amount]))) as fc.Arbitrary<Record<string, number>>;
    const ratio = fc.integer({ min: 0, max: 40 }).map((x) => x / 10);
    const mech: fc.Arbitrary<MechSpec> = fc.oneof(
      fc.record({ kind: fc.constant('grant-program' as const), alloc: perGov, shares, followOn: ratio }),
      fc.record({
        kind: fc.constant('equity-vehicle' as const),
        alloc: perGov,
        multiple: ratio,
        lag: fc.integer({ min: 0, max: 4 }),
        over: fc.integer({ min: 1, max: 5 }),
        coInvest: ratio,
      }),
      fc.record({
        kind: fc.constant('credit-facility' as const),
        alloc: perGov,
        subsidy: fc.integer({ min: 0, max: 30 }),
        shares,
        coFinance: ratio,
      }),
      fc.record({
        kind: fc.constant('lp-fund-waves' as const),
        waves: fc
          .array(fc.record({ year: fc.integer({ min: 1, max: years }), commit }), { minLength: 1, maxLength: 3 })
          .map((ws) => [...ws].sort((a, b) => a.year - b.year)),
        crowdIn: ratio,
      }),
      fc.integer({ min: 0, max: years * 12 - 1 }).chain((end) =>
        fc
          .record({
            kind: fc.constant('gated-project' as const),
            startMonth: fc.integer({ min: 0, max: end }).map((s) => Math.min(s, end)),
            months: fc.constant(0),
            window: fc.integer({ min: 1, max: 36 }),
            commit,
            coFinance: ratio,
          })
          .map((m) => ({ ...m, months: end - m.startMonth })),
      ),
    );
    return fc.record({
      govs: fc.constant(govs),
      start: fc.constant(start),
      years: fc.constant(years),
      mechs: fc.array(mech, { minLength: 1, maxLength: 5 }),
    });
  });

/** The scenario as YAML text, every amount times `scale`. */
export function render(s: Spec, scale = 1): string {
  const M = (n: number) => `${n * scale}M`;
  const alloc = (a: PerGov) => Object.fromEntries(Object.entries(a).map(([g, x]) => [g, { amount: M(x.amount), per: x.per }]));
  const commit = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([g, x]) => [g, M(x)]));
  const mechanisms = s.mechs.map((m, i) => {
    const id = `M-${i + 1}`;
    switch (m.kind) {
      case 'grant-program':
        return {
          id,
          kind: m.kind,
          appropriations: alloc(m.alloc),
          spendOut: { shares: m.shares.map((x) => `${x}%`) },
          followOn: `${m.followOn}x`,
        };
      case 'equity-vehicle':
        return {
          id,
          kind: m.kind,
          investments: alloc(m.alloc),
          distributions: { multiple: `${m.multiple}x`, lag: m.lag, over: m.over },
          coInvest: `${m.coInvest}x`,
        };
      case 'credit-facility':
        return {
          id,
          kind: m.kind,
          obligations: alloc(m.alloc),
          subsidyRate: `${m.subsidy}%`,
          disbursement: { shares: m.shares.map((x) => `${x}%`) },
          coFinance: `${m.coFinance}x`,
        };
      case 'lp-fund-waves':
        return {
          id,
          kind: m.kind,
          waves: m.waves.map((w, j) => ({ id: `w${j + 1}`, year: w.year, commit: commit(w.commit) })),
          crowdIn: `${m.crowdIn}x`,
        };
      case 'gated-project':
        return {
          id,
          kind: m.kind,
          study: { startMonth: m.startMonth, months: m.months },
          window: { months: m.window },
          commit: commit(m.commit),
          coFinance: `${m.coFinance}x`,
        };
    }
  });
  return stringify({
    name: 'generated',
    horizon: { start: `FY${s.start}`, years: s.years },
    governments: s.govs,
    targets: { floor: M(100), mobilization: M(5000) },
    mechanisms,
  });
}

// `run --format json`'s presentValue block: each headline metric nominal, in present
// value and in real dollars, when the scenario sets assumptions.discount or .inflation.
import { millions, type Dec } from '../core/money.js';
import type { Evaluation } from '../measure/evaluate.js';
import { discountFactors, realFactors, weighted } from '../measure/pv.js';
import { yearName } from '../model/scenario.js';

export function valuationJson(ev: Evaluation): unknown {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const A = m.A;
  const scopes = [...s.governments.map((g) => g.code), 'total'];
  const df = s.discount ? discountFactors(s.discount, N) : undefined;
  const rf = s.inflation ? realFactors(s.inflation, N) : undefined;
  const metrics = Object.fromEntries(
    m.listedMetrics().map((metric) => [
      metric,
      Object.fromEntries(
        scopes.map((sc) => {
          const g = sc === 'total' ? null : sc;
          const byYear: Dec[] = Array.from({ length: N }, (_, y) => m.money(metric, g, undefined, y));
          // The whole life of the flows: the horizon's years, then the years after it, each at its own factor.
          const life = [...byYear, ...m.tailByYear(metric, g)];
          const pvHorizon = df ? millions(weighted(A, byYear, df)) : undefined;
          return [
            sc,
            {
              nominal: millions(m.money(metric, g)),
              nominalAfterHorizon: millions(m.money(metric, g, undefined, N)),
              ...(df
                ? {
                    presentValue: pvHorizon,
                    presentValueHorizon: pvHorizon,
                    presentValueWholeLife: millions(weighted(A, life, discountFactors(s.discount!, life.length))),
                  }
                : {}),
              ...(rf ? { real: millions(weighted(A, byYear, rf)) } : {}),
            },
          ];
        }),
      ),
    ]),
  );
  return {
    convention: s.discount?.midYear
      ? 'flows in the middle of each fiscal year; present value to the start of the horizon: factor 1/(1+r_t)^t, t = 0.5 for the first year; real = nominal/(1+i)^(year - base year)'
      : 'flows at the end of each fiscal year; present value to the start of the horizon: factor 1/(1+r_t)^t, t = 1 for the first year; real = nominal/(1+i)^(year - base year)',
    scope:
      'presentValue and presentValueHorizon count the horizon only (as before); presentValueWholeLife adds the flows after the horizon (nominalAfterHorizon), each at the factor of its own year',
    discount: s.discount
      ? {
          byMaturity: s.discount.byMaturity.map((x) => ({ years: x.years, rate: x.rate.toPlain(6) })),
          source: s.discount.source ?? null,
          factors: df!.map((x) => x.toPlain(12)),
        }
      : null,
    inflation: s.inflation
      ? {
          rate: s.inflation.rate.toPlain(6),
          dollarsOf: yearName(s.horizon, s.inflation.base),
          source: s.inflation.source ?? null,
        }
      : null,
    metrics,
  };
}

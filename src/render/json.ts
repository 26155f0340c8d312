// `run --format json`: a stable, versioned document for scripts. Amounts are USD
// millions as decimal strings (exact to the dollar); ratios are decimal strings.
import { millionsOf, perPublicUnit } from '../core/currency.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { type Dec, millions } from '../core/money.js';
import { claimsOnBases } from '../measure/claims.js';
import type { Evaluation } from '../measure/evaluate.js';
import type { Measure } from '../measure/measure.js';
import { BASES, basesFor } from '../model/bases.js';
import { fiscalYearJson, ownYearName, ownYears } from '../model/fiscal.js';
import { FLOW_ORDER, type FlowKind, LATE_FLOWS } from '../model/flows.js';
import {
  FLOOR_READINGS,
  MONEY_METRIC_IDS,
  type MoneyMetricId,
  RATIO_METRICS,
  TARGET_READINGS,
  unbookedLate,
} from '../model/metrics.js';
import { testUnit } from '../model/expr.js';
import type { TestOutcome } from '../measure/expr.js';
import { type TestVerdict, testVerdicts } from '../measure/targets.js';
import type { MetricRef } from '../model/paths.js';
import { isActive, yearName } from '../model/scenario.js';
import { assumedFigures } from '../report/assumed.js';
import { metricJson } from '../report/values.js';
import { notQuantified } from '../measure/quantified.js';
import { yearLabel } from '../report/run.js';
import { valuationJson } from './valuation.js';

export const JSON_VERSION = 1;

const ratio = (x: Dec | null): string | null => (x === null ? null : x.toPlain(6));

export { yearLabel };

/** A claim's published figure as the JSON has it: one value, or "low-high". */
export function publishedJson(p: { low: Dec; high: Dec } | boolean, ref: MetricRef): string | boolean {
  if (typeof p === 'boolean') return p;
  const f = (x: Dec) => metricJson(x, ref) as string;
  return p.low.eq(p.high) ? f(p.low) : `${f(p.low)}-${f(p.high)}`;
}

/** One target test's verdict for machines: values in its unit (money as USD millions), per basis when budget cost enters it. */
export function testVerdictJson(v: TestVerdict) {
  const unit = testUnit(v.test.test);
  const o = (x: TestOutcome<Dec>) => ({
    value: metricJson(x.value, unit),
    bar: metricJson(x.bar, unit),
    met: x.holds,
    margin: metricJson(x.margin, unit),
  });
  return {
    that: v.test.that,
    text: v.test.text ?? null,
    source: v.test.source ?? null,
    case: v.test.case,
    unit,
    basis: v.basis,
    ...o(v.outcome),
    byBasis: v.byBasis.length ? Object.fromEntries(v.byBasis.map((b) => [b.basis, o(b.outcome)])) : null,
  };
}

/** Each claim with every test of its sentence (per government, `also:`). */
function claimsJson(ev: Evaluation): unknown[] {
  const onBases = claimsOnBases(ev.measure, ev.claims);
  return ev.claims.map((c, i) => ({
    id: c.claim.id,
    text: c.claim.text ?? null,
    metric: c.claim.metric,
    comparison: c.claim.comparison,
    tolerance: c.claim.tolerance.toPlain(6),
    published: publishedJson(c.claim.published, c.claim.refs[0]!),
    computed: metricJson(c.computed, c.claim.refs[0]!),
    difference: c.difference === null ? null : metricJson(c.difference, c.claim.refs[0]!),
    holds: c.holds,
    // Added in 1.2: "identity" (holds by construction of the scenario), and the verdict on every basis.
    identity: c.claim.identity,
    verdict: c.verdict,
    byBasis: Object.fromEntries(
      onBases[i]!.map((b) => [
        b.basis,
        { verdict: b.result.verdict, holds: b.result.holds, computed: metricJson(b.result.computed, c.claim.refs[0]!) },
      ]),
    ),
    source: c.claim.source ?? null,
    // Added in 1.1: every test of the sentence (per government, `also:`), and whether it applied.
    applicable: c.applicable,
    when: c.claim.when ?? null,
    tests: c.claim.tests.map((t, k) => ({
      label: t.label,
      metric: t.metric,
      comparison: t.comparison,
      tolerance: t.tolerance.toPlain(6),
      published: publishedJson(t.published, t.refs[0]!),
      computed: metricJson(c.tests[k]!.computed, t.refs[0]!),
      difference: c.tests[k]!.difference === null ? null : metricJson(c.tests[k]!.difference, t.refs[0]!),
      holds: c.tests[k]!.holds,
    })),
  }));
}

/** The multiplier per budget unit on every scoring basis, per scope. */
function multipliersByBasis(m: Evaluation['measure'], scopes: string[], ratio: (x: Dec | null) => unknown) {
  return Object.fromEntries(
    m.planBases.map((b) => [
      b.id,
      Object.fromEntries(
        scopes
          // Each sponsor under the bases that apply to it; the total adds the others on their own books.
          .filter((sc) => sc === 'total' || basesFor(m.s.governments.find((g) => g.code === sc)!).includes(b))
          .map((sc) => [sc, ratio(m.onBasis(b.id).ratio('multiplier', sc === 'total' ? null : sc))]),
      ),
    ]),
  );
}

/** `{ MECHANISM{ METRIC: ASSUMPTION } }`: amounts of 0 that rest on a ratio the scenario never stated. */
function notQuantifiedJson({ scenario: s, measure: m }: Evaluation) {
  return notQuantified(s).reduce<Record<string, Record<string, string>>>((o, q) => {
    if (m.money(q.metric, null, q.mechanism).isZero()) (o[q.mechanism] ??= {})[q.metric] = q.assumption;
    return o;
  }, {});
}

type FloorResult = ReturnType<Measure<Dec>['floor']>;

const floorJson = (f: FloorResult) => ({
  met: f.met,
  everyYear: f.everyYear,
  average: millions(f.average),
  yearsMet: f.yearsMet,
  shortfall: f.shortfall === null ? null : millions(f.shortfall),
});

/** metrics.floor: the amount, and per government and reading the verdicts with every year's figure. */
function floorMetricsJson(ev: Evaluation): Record<string, unknown> {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const floorAmount = m.floorAmount();
  return {
    amount: floorAmount === null ? null : millions(floorAmount),
    ...Object.fromEntries(
      s.governments.map((sp) => [
        sp.code,
        Object.fromEntries(
          FLOOR_READINGS.map((reading) => {
            const f = m.floor(sp.code, reading);
            // A sponsor on other fiscal years: each year also by its own label (model/fiscal.ts).
            const o = ownYears(s, sp);
            const byYear = Object.fromEntries(
              f.byYear.map((v, y) => [
                yearLabel(s.horizon, y, N),
                { amount: millions(v), met: f.yearMet[y], ...(o ? { ownYear: ownYearName(o, s.horizon.start + y) } : {}) },
              ]),
            );
            return [reading, { ...floorJson(f), byYear }];
          }),
        ),
      ]),
    ),
  };
}

export function toJson(ev: Evaluation, warnings: Diagnostic[] = []): unknown {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const scopes = [...govs, 'total'];
  const gov = (sc: string) => (sc === 'total' ? null : sc);
  const slots = Array.from({ length: N + 1 }, (_, y) => y);

  const moneyBlock = (metric: MoneyMetricId) => {
    const o: Record<string, unknown> = {};
    for (const sc of scopes) o[sc] = millions(m.money(metric, gov(sc)));
    o.byMechanism = Object.fromEntries(
      s.mechanisms.map((mech) => [
        mech.id,
        Object.fromEntries(scopes.map((sc) => [sc, millions(m.money(metric, gov(sc), mech.id))])),
      ]),
    );
    o.byYear = Object.fromEntries(
      slots.map((y) => [
        yearLabel(s.horizon, y, N),
        Object.fromEntries(scopes.map((sc) => [sc, millions(m.money(metric, gov(sc), undefined, y))])),
      ]),
    );
    return o;
  };
  const metrics: Record<string, unknown> = {};
  const booked = (k: FlowKind) => !ev.ledger.entries([k]).next().done;
  for (const metric of MONEY_METRIC_IDS)
    if (metric !== 'headlineMobilization' && !unbookedLate(metric, booked)) metrics[metric] = moneyBlock(metric);
  metrics.headlineMobilization = millions(m.money('headlineMobilization'));
  metrics.headlineMobilizationDetail = moneyBlock('headlineMobilization');
  // Ratios by their path: leverage.commitment -> metrics.leverage.commitment.
  const ratios: Record<string, Record<string, unknown>> = {};
  for (const r of RATIO_METRICS) {
    const block = {
      ...Object.fromEntries(scopes.map((sc) => [sc, ratio(m.ratio(r.id, gov(sc)))])),
      byMechanism: Object.fromEntries(s.mechanisms.map((mech) => [mech.id, ratio(m.ratio(r.id, null, mech.id))])),
    };
    const [head, tail] = r.id.split('.') as [string, string | undefined];
    if (tail === undefined) ratios[head] = block;
    else (ratios[head] ??= {})[tail] = block;
  }
  Object.assign(metrics, ratios);
  // Added in 1.2: the multiplier per budget unit on every scoring basis (metrics.multiplier is the scenario's own).
  metrics.multiplierByBasis = multipliersByBasis(m, scopes, ratio);
  metrics.floor = floorMetricsJson(ev);
  const t = m.target();
  metrics.target = {
    amount: t.target === null ? null : millions(t.target),
    headline: millions(t.headline),
    met: t.met,
    shortfall: t.shortfall === null ? null : millions(t.shortfall),
  };
  // Added in 1.2: the target on each reading (headline, as metrics.target; private capital only).
  (metrics.target as Record<string, unknown>).byReading = Object.fromEntries(
    TARGET_READINGS.map((r) => {
      const x = m.target(r);
      return [r, { amount: millions(x.headline), met: x.met, shortfall: x.shortfall === null ? null : millions(x.shortfall) }];
    }),
  );
  // Added in 1.2: the plan's target tests (targets.tests), by id.
  metrics.targets = Object.fromEntries(testVerdicts(ev).map((v) => [v.test.id, testVerdictJson(v)]));
  // Added in 1.2: what an unstated default ratio leaves not quantified (counted as 0 in totals,
  // which is not a figure of 0), by mechanism and metric: the assumption left unstated.
  metrics.notQuantified = notQuantifiedJson(ev);
  // Added in 1.1: the plan's own measures (measures:), by id; a ratio as a decimal, "not defined" as null.
  metrics.measures = Object.fromEntries(
    s.measures.map((x) => [x.id, metricJson(m.value({ kind: 'measure', id: x.id }) as Dec | null, x.expr.unit)]),
  );
  // Added in 1.1: the floor's budget-cost reading on every scoring basis (metrics.floor holds the scenario's own);
  // each sponsor under the bases that apply to it only.
  metrics.floorByBasis = Object.fromEntries(
    m.planBases.map((b) => [
      b.id,
      Object.fromEntries(
        s.governments
          .filter((sp) => basesFor(sp).includes(b))
          .map((sp) => [sp.code, floorJson(m.floor(sp.code, 'appropriated', BASES.indexOf(b)))]),
      ),
    ]),
  );

  return {
    version: JSON_VERSION,
    units: { amounts: millionsOf(s.currency), ratios: perPublicUnit(s.currency) },
    scenario: {
      name: s.name,
      file: s.file,
      extends: s.chain.slice(1),
      case: ev.case,
      horizon: { start: yearName(s.horizon, 0), end: yearName(s.horizon, N - 1), years: N },
      // A stated fiscal year (the plan's, a sponsor's) by its month; a sponsor's own years when they differ.
      ...(s.fiscalYear ? { fiscalYear: fiscalYearJson(s, s.fiscalYear) } : {}),
      // A sponsor that states its type or budget concept: the bases that apply to it (added with the cash basis).
      governments: s.governments.map((sp) => {
        const g = sp.fiscalYear ? { ...sp, fiscalYear: fiscalYearJson(s, sp.fiscalYear, sp, (y) => yearName(s.horizon, y)) } : sp;
        return sp.type === undefined && sp.basis === undefined ? g : { ...g, bases: basesFor(sp).map((b) => b.id) };
      }),
      mechanisms: s.mechanisms.map((x) => ({
        id: x.id,
        kind: x.kind,
        label: x.label,
        budget: x.budget,
        active: isActive(s, x),
        fallbackOf: x.fallbackOf ?? null,
        source: x.source ?? null,
      })),
      headlineIncludesFollowOn: s.targets.includeFollowOn,
      basis: s.basis,
      // Added in 1.2: the figures this file (extending another) sets on its author's assumption.
      assumed: assumedFigures(s).map((a) => ({ path: a.path, label: a.label, value: a.value, source: a.source })),
    },
    metrics,
    ...(s.discount || s.inflation ? { presentValue: valuationJson(ev) } : {}),
    claims: claimsJson(ev),
    flows: [...ev.ledger.entries(FLOW_ORDER, m.basisIndex)].map((e) => ({
      year: yearLabel(s.horizon, e.y, N),
      government: govs[e.g],
      mechanism: s.mechanisms[e.m]!.id,
      flow: e.kind,
      amount: millions(e.amount),
    })),
    flowKinds: FLOW_ORDER.filter((k) => !LATE_FLOWS.includes(k) || booked(k)),
    warnings: warnings.map((d) => ({
      code: d.code,
      message: d.message,
      file: d.loc?.file ?? null,
      line: d.loc?.line ?? null,
      col: d.loc?.col ?? null,
    })),
  };
}

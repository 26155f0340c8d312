// `explain`: takes a metric apart into the ledger flows that make it up (by mechanism and
// year), the rules and assumptions that produced them (from each mechanism's kind), and
// the input figures (with their citations) that feed each mechanism.
import { Dec } from '../core/money.js';
import { kindOf } from '../mechanisms/registry.js';
import type { Assumption } from '../mechanisms/kind.js';
import type { FlowKind } from '../model/flows.js';
import { floorMetric, moneyMetric, type MoneyMetricId, ratioMetric, targetMetric } from '../model/metrics.js';
import { type Gov, type MetricRef, parseMetricPath } from '../model/paths.js';
import { type ExprUnit, parseExpr, printExpr, refsOf, refsOfRanges, refUnit } from '../model/expr.js';
import { namesOf } from '../model/names.js';
import { attributionText, ownYears, ownYearText } from '../model/fiscal.js';
import { type Fig, inactiveReason, yearName } from '../model/scenario.js';
import type { Measure } from './measure.js';

export interface ExplainMech {
  id: string;
  label: string;
  kind: string;
  total: Dec;
  /** Amount per year slot (index N = after the horizon); only slots the metric covers. */
  byYear: Dec[];
  rule: string;
  assumptions: Assumption[];
  inputs: Fig[];
}

export interface ExplainPart {
  label: string;
  metric: MoneyMetricId;
  gov: Gov;
  mech?: string;
  /** Year slots summed (0..N-1 for the horizon, [N] for after, [y] for one year). */
  slots: number[];
  flows: [FlowKind, 1 | -1][];
  total: Dec;
  mechanisms: ExplainMech[];
  /** Mechanisms in scope with nothing in this part, and why. */
  silent: { id: string; why: string }[];
  /** A sponsor's own fiscal year for each slot, when its years are not the plan's: "CY2027 (Jan-Dec 2027)". */
  ownYears?: string[];
}

export interface Explanation {
  path: string;
  /** The metric, when the path is one (an expression has none). */
  ref?: MetricRef;
  unit: ExprUnit;
  value: Dec | boolean | null;
  /** How the value is formed from the parts, in words. */
  formula: string;
  parts: ExplainPart[];
  /** Other figures the value depends on (the floor, the target). */
  extraInputs: Fig[];
}

function part(
  ms: Measure<Dec>,
  label: string,
  metric: MoneyMetricId,
  gov: Gov,
  mech: string | undefined,
  slots: number[],
): ExplainPart {
  const s = ms.s;
  const flows = moneyMetric(metric).flows(ms.context);
  const kinds = flows.map(([k]) => k);
  const mechanisms: ExplainMech[] = [];
  const silent: ExplainPart['silent'] = [];
  let total = Dec.ZERO;
  for (const m of s.mechanisms) {
    if (mech !== undefined && m.id !== mech) continue;
    const byYear = slots.map((y) => ms.money(metric, gov, m.id, y));
    const t = byYear.reduce((a, b) => a.plus(b), Dec.ZERO);
    const k = kindOf(m);
    if (t.isZero() && byYear.every((x) => x.isZero())) {
      const inactive = inactiveReason(s, m);
      silent.push({
        id: m.id,
        why: inactive ?? (kinds.includes('budgetCost') && m.budget === 'none' ? k.rule(m, kinds) : 'no such flows in scope'),
      });
      continue;
    }
    total = total.plus(t);
    mechanisms.push({
      id: m.id,
      label: m.label,
      kind: m.kind,
      total: t,
      byYear,
      rule: k.rule(m, kinds),
      assumptions: [
        ...k.assumptions(m, kinds),
        ...(m.fallbackOf !== undefined ? [{ name: 'fallback', detail: `runs only if ${m.fallbackOf}'s event fails` }] : []),
      ],
      inputs: k.inputs(m, kinds, gov ?? undefined),
    });
  }
  return { label, metric, gov, mech, slots, flows, total, mechanisms, silent };
}

/** Explains a metric path, or returns the parse failure. */
export function explain(
  ms: Measure<Dec>,
  path: string,
): { ok: true; explanation: Explanation } | { ok: false; message: string; hint: string } {
  const s = ms.s;
  const N = s.horizon.years;
  const names = namesOf(s);
  const p = parseMetricPath(path, names);
  const horizon = Array.from({ length: N }, (_, y) => y);
  const fy = (y: number) => yearName(s.horizon, y);
  const scope = (g: Gov) => g ?? 'total';
  if (!p.ok) {
    // Not one path: an expression (a ratio of two metrics, a period range...), taken apart into its money paths.
    const e = parseExpr(path, names);
    if (!e.ok) return /[\s+*/()]|\.\./.test(path.trim()) ? { ok: false, message: e.error.message, hint: e.error.hint } : p;
    const parts = refsOfRanges(e.value).flatMap(({ ref, to }) => {
      if (ref.kind !== 'money') return [];
      const slots =
        typeof ref.period === 'number'
          ? horizon.slice(ref.period, (to ?? ref.period) + 1)
          : ref.period === 'after'
            ? [N]
            : horizon;
      const label = `${ref.metric} ${scope(ref.gov)}${ref.mech ? ` ${ref.mech}` : ''}`;
      return [part(ms, label, ref.metric, ref.gov, ref.mech, slots)];
    });
    const value = ms.expr(e.value) as Dec | boolean | null;
    return {
      ok: true,
      explanation: { path, unit: e.value.unit, value, formula: printExpr(e.value, s.horizon.start), parts, extraInputs: [] },
    };
  }
  const r = p.ref;
  const value = ms.value(r) as Dec | boolean | null;
  const unit = refUnit(r, names);
  const done = (formula: string, parts: ExplainPart[], extraInputs: (Fig | undefined)[] = []) => ({
    ok: true as const,
    explanation: { path, ref: r, unit, value, formula, parts, extraInputs: extraInputs.filter((f): f is Fig => f !== undefined) },
  });
  switch (r.kind) {
    case 'money': {
      const slots = r.period === 'after' ? [N] : typeof r.period === 'number' ? [r.period] : horizon;
      const where =
        typeof r.period === 'number' ? fy(r.period) : r.period === 'after' ? 'after the horizon' : `${fy(0)}-${fy(N - 1)}`;
      const pt = part(ms, `${r.metric} ${scope(r.gov)}${r.mech ? ` ${r.mech}` : ''}, ${where}`, r.metric, r.gov, r.mech, slots);
      return done(r.period === 'perYear' ? `the ${N}-year total divided by ${N}` : 'the sum of the flows below', [pt]);
    }
    case 'ratio': {
      const def = ratioMetric(r.metric);
      return done(`${def.numerator} / ${def.denominator} over the same mechanisms (${def.description})`, [
        part(ms, `numerator: ${def.numerator}`, def.numerator, r.gov, r.mech, horizon),
        part(ms, `denominator: ${def.denominator}`, def.denominator, r.gov, r.mech, horizon),
      ]);
    }
    case 'floor': {
      const metric = floorMetric(r.reading);
      const f = ms.floor(r.gov, r.reading);
      const formula =
        f.floor === null
          ? `${metric} of ${r.gov} per year; the scenario sets no floor (targets.floor), so there is nothing to test`
          : `${metric} of ${r.gov} per year against the floor: met when the ${N}-year average (${f.average.div(1e6).toPlain(6)}M) is at least the floor; ${f.yearsMet ?? 0} of ${N} years reach it`;
      const pt = part(ms, `${metric} ${r.gov}, by year`, metric, r.gov, undefined, horizon);
      // A sponsor on other fiscal years: its years by its own labels, and the rule that pairs them with the plan's.
      const sp = s.governments.find((g) => g.code === r.gov);
      const o = sp && ownYears(s, sp);
      if (o) pt.ownYears = horizon.map((y) => ownYearText(o, s.horizon.start + y));
      return done(o ? `${formula}. ${attributionText(o, s.horizon.start, fy(0))}` : formula, [pt], [s.targets.floor]);
    }
    case 'measure': {
      const me = s.measures.find((x) => x.id === r.id)!;
      const parts = refsOf(me.expr).flatMap((ref) =>
        ref.kind === 'money'
          ? [part(ms, `${ref.metric} ${scope(ref.gov)}${ref.mech ? ` ${ref.mech}` : ''}`, ref.metric, ref.gov, ref.mech, horizon)]
          : [],
      );
      return done(`${me.label}: ${me.sum}`, parts);
    }
    case 'target': {
      const metric = targetMetric(r.reading ?? 'headline');
      const what = r.reading === 'private' ? 'private capital mobilized' : 'headline mobilization';
      return done(
        `${what} over the horizon against the mobilization target`,
        [part(ms, what, metric, null, undefined, horizon)],
        [s.targets.mobilization],
      );
    }
    case 'test': {
      const t = s.targets.tests.find((x) => x.id === r.id)!;
      const parts = refsOfRanges(t.test.left).flatMap(({ ref, to }) => {
        if (ref.kind !== 'money') return [];
        const slots = typeof ref.period === 'number' ? horizon.slice(ref.period, (to ?? ref.period) + 1) : horizon;
        return [
          part(ms, `${ref.metric} ${scope(ref.gov)}${ref.mech ? ` ${ref.mech}` : ''}`, ref.metric, ref.gov, ref.mech, slots),
        ];
      });
      return done(`${t.that}${r.field === 'margin' ? ' (margin: the left side less the right)' : ''}`, parts);
    }
  }
}

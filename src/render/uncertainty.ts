// Renders simulate (percentiles, probabilities, a histogram of headline mobilization)
// and sensitivity (a tornado) for terminals and as JSON.
import { millionsOf, perPublicUnit, unitWord } from '../core/currency.js';
import type { ChalkInstance } from 'chalk';
import { Dec, displayMillions } from '../core/money.js';
import { type FloorReading, floorReadingLabel, type MetricContext, moneyMetric, RATIO_METRICS } from '../model/metrics.js';
import { basisById } from '../model/bases.js';
import { probabilityAssumed, realUnit, type Scenario, yearName } from '../model/scenario.js';
import { type Cell, left, right, type Table, text } from '../report/model.js';
import { horizonText } from '../report/run.js';
import { metricText } from '../report/values.js';
import { metricName, SIM_METRICS, scopes } from '../simulate/plan.js';
import type { ExprUnit } from '../model/expr.js';
import type { Sensitivity } from '../simulate/sensitivity.js';
import type { VarianceShare } from '../simulate/variance.js';
import type { PairedDifference, SimResult } from '../simulate/simulate.js';
import { proportionSe, wilson, Z975 } from '../simulate/stats.js';
import { type CsvValue, toCsv } from './csv.js';
import { renderList, renderTable, widthOf, wrap } from './terminal.js';

/** A simple terminal table from string rows, fitted to the width. */
function tableOf(
  head: string[],
  rows: (string | Cell)[][],
  align: ('left' | 'right')[],
  c: ChalkInstance,
  width: number,
  wrapFirst = true,
  /** Columns repeated in every group when a wide table is split (as the first is): a row's scope. */
  repeat: readonly number[] = [],
): string {
  const t: Table = {
    kind: 'table',
    id: 't',
    columns: head.map((h, i) => ({
      ...((align[i] ?? (i === 0 ? 'left' : 'right')) === 'left' ? left(h, i === 0 ? wrapFirst : true) : right(h)),
      ...(repeat.includes(i) ? { repeat: true } : {}),
    })),
    rows: rows.map((r) => ({ cells: r.map((x) => (typeof x === 'string' ? text(x) : x)) })),
  };
  return renderTable(t, c, width);
}

/**
 * The uncertain inputs: a table where it fits whole; narrower, a list (each path or event on
 * its line, its meaning and range beneath), since a table then breaks every path over lines
 * beside a Meaning column that keeps its width.
 */
function inputsTable(rows: string[][], c: ChalkInstance, width: number): string {
  const head = ['Uncertain input', 'Meaning', 'Low', 'Base', 'High'];
  // The table's natural width: each column's widest text, a space either side, and the borders.
  const natural = head.reduce((a, h, i) => a + Math.max(widthOf(h), ...rows.map((r) => widthOf(r[i] ?? ''))) + 3, 1);
  if (natural <= width) return tableOf(head, rows, ['left', 'left'], c, width);
  const t: Table = {
    kind: 'table',
    id: 't',
    columns: [left('Uncertain input'), left('Range')],
    rows: rows.map(([input, meaning, low, base, high]) => ({
      cells: [
        text(input!),
        text([meaning, ...[`low ${low}`, `base ${base}`, `high ${high}`].filter((x) => !x.endsWith(' '))].join(' · ')),
      ],
    })),
    list: { line: [0], beneath: [1] },
  };
  return [c.bold('Uncertain inputs (meaning · low, base, high)'), renderList(t, t.list!, c, width)].join('\n');
}

const labelCtx = (s: Scenario): MetricContext => ({
  includeFollowOn: s.targets.includeFollowOn,
  basisLabel: s.basis === 'as-published' ? 'as published' : s.basis,
  ...(s.currency === 'USD' ? {} : { unitWord: unitWord(s.currency) }),
});

export const UNCERTAINTY_JSON_VERSION = 1;

/** USD -> millions, rounded to the thousand dollars (floats: no false precision). */
const m3 = (x: number): number | null => (Number.isFinite(x) ? Number((x / 1e6).toFixed(3)) : null);
const r4 = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);
const fm = (x: number) => (Number.isFinite(x) ? displayMillions(Dec.of((Math.round(x / 1e5) * 1e5).toFixed(0))) : '-');
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const r6 = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(6)) : null);

/** A user's metric (--metric) for people, in its unit. */
function human(x: number, u: ExprUnit): string {
  if (!Number.isFinite(x)) return '-';
  if (u === 'money') return fm(x);
  if (u === 'percent') return `${(x * 100).toFixed(2)}%`;
  return u === 'ratio' ? `${x.toFixed(2)}x` : x.toFixed(2);
}
/** A user's metric for machines: money in millions, anything else as the number. */
const machine = (x: number, u: ExprUnit) => (u === 'money' ? m3(x) : r6(x));

/** An input's value for machines: amounts in millions like every amount here; rates and ratios as fractions. */
const inputValue = (f: { unit?: string }, x: Dec) => (f.unit === 'amount' ? x.div(1e6).toPlain(6) : x.toPlain(6));

function inputs(r: SimResult) {
  return r.plan.random.map((f) => ({
    path: f.path,
    dist: f.dist ?? 'uniform',
    low: inputValue(f, f.value.low),
    base: inputValue(f, f.value.base),
    high: inputValue(f, f.value.high),
    ends: f.dist === 'normal' || f.dist === 'lognormal' ? 'p5-p95' : 'min-max',
    source: f.source ?? null,
  }));
}

function rateText(d: Dec) {
  return `${d.times(100).toPlain(4)}%`;
}

/** The ratios simulateJson shows (the table and CSV show every one). */
const JSON_RATIOS = ['leverage.commitment', 'leverage.budget'];

/** Whether simulateJson prints the summary of this output (simulate summarizes only those). */
export const shownInJson = (name: string): boolean =>
  !RATIO_METRICS.some((m) => `${m.id}.total` === name) || JSON_RATIOS.some((id) => `${id}.total` === name);

export function simulateJson(s: Scenario, r: SimResult): unknown {
  const block = (prefix: string) =>
    Object.fromEntries(
      SIM_METRICS.map((m) => [
        m,
        Object.fromEntries(
          scopes(s).map((sc) => {
            const x = r.summaries.get(`${prefix}${m}.${sc}`)!;
            return [sc, { p5: m3(x.p5), p50: m3(x.p50), p95: m3(x.p95), mean: m3(x.mean) }];
          }),
        ),
      ]),
    );
  const lev = (b: string) => {
    const x = r.summaries.get(`leverage.${b}.total`)!;
    return { p5: r4(x.p5), p50: r4(x.p50), p95: r4(x.p95), mean: r4(x.mean) };
  };
  return {
    version: UNCERTAINTY_JSON_VERSION,
    command: 'simulate',
    units: {
      amounts: millionsOf(s.currency),
      ratios: perPublicUnit(s.currency),
      percentiles: 'linear between order statistics (type 7)',
    },
    scenario: {
      name: s.name,
      file: s.file,
      extends: s.chain.slice(1),
      horizon: { start: yearName(s.horizon, 0), years: s.horizon.years },
    },
    trials: r.trials,
    seed: r.seed,
    inputs: inputs(r),
    gates: r.plan.events.map((e) => ({
      id: e.key,
      label: e.label,
      probability: e.probability ? e.probability.value.base.toPlain(6) : null,
      asWritten: e.holds,
    })),
    metrics: block(''),
    leverage: { commitment: lev('commitment'), budget: lev('budget') },
    presentValue: s.discount
      ? {
          convention: s.discount.midYear
            ? 'middle of each fiscal year; factor 1/(1+r_t)^t, t = years from the start of the horizon (0.5 for the first year)'
            : 'end of each fiscal year; factor 1/(1+r_t)^t, t = years from the start of the horizon',
          rates: s.discount.byMaturity.map((x) => ({ maturity: x.years, rate: x.rate.toPlain(6) })),
          metrics: block('pv.'),
          wholeLife: {
            note: 'present value over the whole life of the flows: the horizon and every year after it, each at its own factor (metrics: the horizon only)',
            metrics: block('pvLife.'),
          },
        }
      : null,
    real: s.inflation
      ? { inflation: s.inflation.rate.toPlain(6), dollarsOf: yearName(s.horizon, s.inflation.base), metrics: block('real.') }
      : null,
    probabilities: Object.fromEntries(r.probabilities),
    // Added in 1.1: the Monte Carlo standard error of each probability, sqrt(p (1 - p) / trials).
    probabilityStdErrors: Object.fromEntries([...r.counts].map(([t, k]) => [t, r6(proportionSe(k, r.trials))])),
    // Added in 1.1: target tests that read a verdict (a floor, the target, another test), not decided per trial.
    unsimulatedTests: r.plan.unsimulated,
    // Added in 1.1: the expressions of --metric, each in its unit (money in millions).
    expressions: Object.fromEntries(
      r.plan.metrics.map((x) => {
        const sm = r.summaries.get(metricName(x.text))!;
        const f = (v: number) => machine(v, x.unit);
        return [x.text, { unit: x.unit, p5: f(sm.p5), p50: f(sm.p50), p95: f(sm.p95), mean: f(sm.mean), meanStdError: f(sm.se) }];
      }),
    ),
    afterHorizon: { note: 'nominal amounts that fall after the horizon (metrics: the horizon only)', metrics: block('after.') },
    ...monteCarloJson(s, r),
    histogram: {
      metric: 'headlineMobilization.total',
      bins: r.histogram.map((b) => ({ from: m3(b.from), to: m3(b.to), count: b.count })),
    },
  };
}

/** simulate's added blocks: Monte Carlo error of every figure, and run's base case beside the expected value. */
function monteCarloJson(s: Scenario, r: SimResult) {
  const err = (name: string, f: (x: number) => number | null) => {
    const x = r.summaries.get(name)!;
    const iv = (v: [number, number]) => [f(v[0]), f(v[1])];
    return { meanStdError: f(x.se), p5: iv(x.ci.p5), p50: iv(x.ci.p50), p95: iv(x.ci.p95) };
  };
  const block = (prefix: string) =>
    Object.fromEntries(
      SIM_METRICS.map((m) => [m, Object.fromEntries(scopes(s).map((sc) => [sc, err(`${prefix}${m}.${sc}`, m3)]))]),
    );
  const base = r.base.values;
  return {
    monteCarloError: {
      confidence: 0.95,
      method:
        'mean: standard error sd/sqrt(trials); percentiles: order statistics ranked by the binomial (normal approximation); probabilities: Wilson score interval',
      metrics: block(''),
      ...(s.discount ? { presentValue: block('pv.') } : {}),
      ...(s.inflation ? { real: block('real.') } : {}),
      leverage: { commitment: err('leverage.commitment.total', r4), budget: err('leverage.budget.total', r4) },
      probabilities: Object.fromEntries([...r.counts].map(([t, k]) => [t, wilson(k, r.trials).map((x) => Number(x.toFixed(6)))])),
    },
    baseCase: {
      assumes: 'every figure at its base value and every event as written, as run computes it',
      expectedValue: 'the mean of the trials: every range drawn and every gate weighted by its probability (metrics.*.mean)',
      metrics: Object.fromEntries(
        SIM_METRICS.map((m) => [m, Object.fromEntries(scopes(s).map((sc) => [sc, m3(base.get(`${m}.${sc}`)!)]))]),
      ),
      headlineMobilization: {
        base: m3(base.get('headlineMobilization.total')!),
        expected: m3(r.summaries.get('headlineMobilization.total')!.mean),
        shareOfTrialsBelowBase: Number(r.base.headlineShareBelow.toFixed(6)),
      },
    },
  };
}

/** simulate A --against B: the paired differences A - B under common random numbers (JSON). */
export function pairedJson(s: Scenario, b: Scenario, diffs: Map<string, PairedDifference>): unknown {
  const one = (name: string, f: (x: number) => number | null) => {
    const d = diffs.get(name);
    if (!d) return null;
    return {
      meanDifference: f(d.mean),
      stdError: f(d.se),
      interval95: [f(d.interval[0]), f(d.interval[1])],
      p5: f(d.summary.p5),
      p50: f(d.summary.p50),
      p95: f(d.summary.p95),
    };
  };
  return {
    against: { name: b.name, file: b.file },
    method:
      'common random numbers: in both scenarios each input is drawn from a stream keyed by its path (and each gate by its id), trial by trial; differences are A - B per trial, their mean with a 95% interval (mean -+ 1.96 standard errors of the paired differences)',
    metrics: Object.fromEntries(
      SIM_METRICS.map((m) => [m, Object.fromEntries(scopes(s).map((sc) => [sc, one(`${m}.${sc}`, m3)]))]),
    ),
    ...(s.discount && b.discount
      ? {
          presentValue: Object.fromEntries(
            SIM_METRICS.map((m) => [m, Object.fromEntries(scopes(s).map((sc) => [sc, one(`pv.${m}.${sc}`, m3)]))]),
          ),
        }
      : {}),
  };
}

/** simulate A --against B: the paired differences as a terminal table. */
export function renderPaired(
  s: Scenario,
  b: Scenario,
  diffs: Map<string, PairedDifference>,
  c: ChalkInstance,
  width: number,
): string {
  const ctx = labelCtx(s);
  const sign = (x: number) => (x > 0 ? `+${fm(x)}` : fm(x));
  const rows: string[][] = [];
  for (const m of SIM_METRICS)
    for (const sc of scopes(s)) {
      const d = diffs.get(`${m}.${sc}`);
      if (!d) continue;
      rows.push([
        sc === scopes(s)[0] ? moneyMetric(m).label(ctx) : '',
        sc,
        sign(d.mean),
        `${sign(d.interval[0])} to ${sign(d.interval[1])}`,
        sign(d.summary.p5),
        sign(d.summary.p95),
      ]);
    }
  return [
    c.bold(wrap(`Paired difference: ${s.name} minus ${b.name} (common random numbers)`, width).join('\n')),
    ...wrap(
      `Each input is drawn from its own stream keyed by its path, the same in both scenarios, trial by trial; so the differences carry only what differs between them. Both sides here are drawn that way (their figures differ slightly from a plain simulate).`,
      width,
    ),
    tableOf(['Metric', 'Scope', 'Mean A - B', '95% interval', 'P5', 'P95'], rows, ['left', 'left'], c, width, true, [1]),
  ].join('\n');
}

/** Trials for a 95% interval of +-`precision` (USD) on the mean and on the P50 of headline mobilization. */
export function trialsFor(r: SimResult, precision: number): { mean: number; p50: number } {
  const h = r.summaries.get('headlineMobilization.total')!;
  const sd = h.se * Math.sqrt(r.trials);
  const half50 = (h.ci.p50[1] - h.ci.p50[0]) / 2;
  // The mean's half-width is z sd / sqrt(n); a percentile's interval shrinks as 1 / sqrt(n) too.
  return {
    mean: Math.max(1, Math.ceil(((Z975 * sd) / precision) ** 2)),
    p50: Math.max(1, Math.ceil(r.trials * (half50 / precision) ** 2)),
  };
}

/** Notes under simulate's tables: Monte Carlo error, the base case, trials for a precision. */
function errorNotes(r: SimResult, precision?: number): string[] {
  const h = r.summaries.get('headlineMobilization.total')!;
  const base = r.base.values.get('headlineMobilization.total')!;
  const out = [
    `Monte Carlo error (95%) at ${r.trials.toLocaleString('en-US')} trials: headline mobilization P5 ${fm(h.ci.p5[0])} to ${fm(h.ci.p5[1])}, P50 ${fm(h.ci.p50[0])} to ${fm(h.ci.p50[1])}, P95 ${fm(h.ci.p95[0])} to ${fm(h.ci.p95[1])}; mean ${fm(h.mean)} +- ${fm(Z975 * h.se)}. Figures are shown to 0.1: differences smaller than these intervals are noise (every interval: --format json, monteCarloError).`,
    `Base case (run: every figure at its base, every event as written): headline ${fm(base)}, above ${pct(r.base.headlineShareBelow)} of trials; expected value (mean, gates weighted by their probability): ${fm(h.mean)}.`,
  ];
  if (precision !== undefined) {
    const n = trialsFor(r, precision);
    out.push(
      `For +-${fm(precision)} (95%) on headline mobilization: about ${n.mean.toLocaleString('en-US')} trials for the mean, ${n.p50.toLocaleString('en-US')} for the P50 (this run: ${r.trials.toLocaleString('en-US')}).`,
    );
  }
  return out;
}

export function renderSimulate(s: Scenario, r: SimResult, c: ChalkInstance, width: number, precision?: number): string {
  const out: string[] = [];
  const N = s.horizon.years;
  const ctx = labelCtx(s);
  out.push(c.bold(wrap(`${s.name}: simulation`, width).join('\n')));
  out.push(
    ...wrap(
      `${s.file} · ${String(r.trials).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} trials · seed ${r.seed} · ${horizonText(s.horizon)} · ${millionsOf(s.currency)}`,
      width,
    ),
  );
  out.push('');
  const inputRows: string[][] = r.plan.random.map((f) => {
    const d = f.dist ?? 'uniform';
    const show = (x: Dec) => (f.unit === 'amount' ? displayMillions(x) : f.unit === 'rate' ? rateText(x) : `${x.toPlain(4)}x`);
    return [
      f.path,
      d === 'normal' || d === 'lognormal' ? `${d} (P5/P95)` : d,
      show(f.value.low),
      show(f.value.base),
      show(f.value.high),
    ];
  });
  for (const e of r.plan.events)
    inputRows.push([
      e.label,
      e.probability ? (probabilityAssumed(e) ? "event (p: author's assumption)" : 'event (p: cited)') : 'event (as written)',
      '',
      e.probability ? rateText(e.probability.value.base) : e.words[e.holds ? 1 : 0],
      '',
    ]);
  out.push(inputsTable(inputRows, c, width));
  out.push('');
  const section = (prefix: string) => {
    const rows: string[][] = [];
    for (const m of SIM_METRICS)
      for (const sc of scopes(s)) {
        const x = r.summaries.get(`${prefix}${m}.${sc}`)!;
        rows.push([sc === scopes(s)[0] ? moneyMetric(m).label(ctx) : '', sc, fm(x.p5), fm(x.p50), fm(x.p95), fm(x.mean)]);
      }
    // 'Metric' alone heads the column so its labels may wrap at 80 columns (the table's title is
    // the line above it); the scope stays beside every figure if the table is split all the same.
    out.push(tableOf(['Metric', 'Scope', 'P5', 'P50', 'P95', 'Mean'], rows, ['left', 'left'], c, width, true, [1]));
    out.push('');
  };
  out.push(c.bold('Horizon totals, nominal'));
  section('');
  for (const line of errorNotes(r, precision)) out.push(...wrap(line, width));
  out.push('');
  if (s.discount) {
    const rates =
      s.discount.byMaturity.length === 1
        ? rateText(s.discount.byMaturity[0]!.rate)
        : s.discount.byMaturity.map((x) => `${x.years}y ${rateText(x.rate)}`).join(', ');
    out.push(
      c.bold(
        wrap(
          `Present value at ${rates} (${s.discount.midYear ? 'middle' : 'end'} of each fiscal year, to the start of ${yearName(s.horizon, 0)})`,
          width,
        ).join('\n'),
      ),
    );
    section('pv.');
  }
  if (s.inflation) {
    out.push(
      c.bold(wrap(`Real: ${realUnit(s, s.inflation.base)} at ${rateText(s.inflation.rate)} inflation a year`, width).join('\n')),
    );
    section('real.');
  }
  const f = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : '-');
  out.push(
    tableOf(
      ['Ratio (total)', 'P5', 'P50', 'P95', 'Mean'],
      RATIO_METRICS.map((m) => {
        const x = r.summaries.get(`${m.id}.total`)!;
        return [m.label(ctx), f(x.p5), f(x.p50), f(x.p95), f(x.mean)];
      }),
      [],
      c,
      width,
    ),
  );
  out.push('');
  if (r.plan.metrics.length) {
    const rows = r.plan.metrics.map((x) => {
      const sm = r.summaries.get(metricName(x.text))!;
      const h = (v: number) => human(v, x.unit);
      return [x.text, h(sm.p5), h(sm.p50), h(sm.p95), h(sm.mean), h(sm.se)];
    });
    out.push(tableOf(['Metric (--metric)', 'P5', 'P50', 'P95', 'Mean', 'Mean +-'], rows, [], c, width));
    out.push(
      ...wrap(
        'Mean +-: its Monte Carlo standard error (sd / sqrt(trials)); a value not defined in a trial (a division by zero) is left out.',
        width,
      ),
    );
    out.push('');
  }
  if (r.probabilities.size) {
    const p2 = (x: number) => `${(x * 100).toFixed(2)}%`;
    out.push(
      tableOf(
        ['Test', 'Probability met', '+- (1 s.e.)', '95% interval'],
        [...r.probabilities].map(([k, p]) => {
          const n = r.counts.get(k) ?? 0;
          const [lo, hi] = wilson(n, r.trials);
          return [testLabel(k, s, N), pct(p), p2(proportionSe(n, r.trials)), `${p2(lo)}-${p2(hi)}`];
        }),
        [],
        c,
        width,
      ),
    );
    out.push(
      ...wrap(
        `+-: the Monte Carlo standard error, sqrt(p (1 - p) / trials); 95% interval: Wilson score.${r.plan.unsimulated.length ? ` Not decided per trial (they read a verdict): ${r.plan.unsimulated.map((id) => `targets.${id}`).join(', ')}.` : ''}`,
        width,
      ),
    );
    out.push('');
  }
  out.push(c.bold(`Headline mobilization, all trials (${millionsOf(s.currency)})`));
  const most = Math.max(...r.histogram.map((b) => b.count));
  const target = s.targets.mobilization?.value.base.toNumber();
  // The bars take what the terminal leaves after the two labels and the share.
  const barWidth = Math.max(10, Math.min(40, width - 38));
  for (const b of r.histogram) {
    const bar = '#'.repeat(most === 0 ? 0 : Math.round((b.count / most) * barWidth));
    const mark = target !== undefined && target >= b.from && target < b.to ? c.yellow(' <- target') : '';
    out.push(
      `${fm(b.from).padStart(9)}-${fm(b.to).padStart(9)} |${bar.padEnd(barWidth)} ${pct(b.count / r.trials).padStart(6)}${mark}`,
    );
  }
  if (target !== undefined) out.push(`target ${fm(target)}: met in ${pct(r.probabilities.get('target.met') ?? 0)} of trials`);
  return out.join('\n');
}

function testLabel(k: string, s: Scenario, N: number): string {
  const floor = s.targets.floor ? displayMillions(s.targets.floor.value.base) : '';
  const m = /^floor\.(\w+)\.(appropriated|commitment)(?:\.([\w-]+))?\.(met|everyYear)$/.exec(k);
  if (m) {
    // The reading as run's floor table names it, on the scenario's basis or the one named.
    const basis = m[3] ?? s.basis;
    const reading = `${m[1]} ${floorReadingLabel(m[2] as FloorReading, basisById(basis)?.label ?? basis)}`;
    return m[4] === 'met' ? `${reading}: average >= ${floor}/yr` : `${reading}: >= ${floor} in all ${N} years`;
  }
  const target = s.targets.mobilization ? displayMillions(s.targets.mobilization.value.base) : '';
  if (k === 'target.met') return `headline >= target ${target}`;
  if (k === 'target.private.met') return `private capital only >= target ${target}`;
  const t = /^targets\.(.+)$/.exec(k);
  const test = t ? s.targets.tests.find((x) => x.id === t[1]) : undefined;
  return test ? `${test.id}: ${test.that}` : k;
}

const showValue = (x: Dec | null, r: Sensitivity) => (x === null ? '-' : metricText(x, r.expr.unit));
const machineValue = (x: Dec | null, r: Sensitivity) =>
  x === null ? null : r.expr.unit === 'money' ? x.div(1e6).toPlain(6) : x.toPlain(6);

export function sensitivityJson(s: Scenario, r: Sensitivity): unknown {
  return {
    version: UNCERTAINTY_JSON_VERSION,
    command: 'sensitivity',
    units: { amounts: millionsOf(s.currency) },
    scenario: { name: s.name, file: s.file, extends: s.chain.slice(1) },
    metric: r.metric,
    base: machineValue(r.base, r),
    inputs: r.rows.map((x) => {
      const i = x.input;
      const ends =
        i.kind === 'range'
          ? {
              low: inputValue(i.fig, i.fig.value.low),
              base: inputValue(i.fig, i.fig.value.base),
              high: inputValue(i.fig, i.fig.value.high),
            }
          : {
              low: 'fails',
              base: i.asWritten ? 'holds' : 'fails',
              high: 'holds',
              probability: i.probability ? i.probability.value.base.toPlain(6) : null,
            };
      return {
        kind: i.kind,
        path: i.path,
        ...ends,
        atLow: machineValue(x.atLow, r),
        atHigh: machineValue(x.atHigh, r),
        swing: machineValue(x.swing, r),
        source: i.source ?? null,
      };
    }),
  };
}

/** A tornado: one bar per input around the base value, left to its lower outcome, right to its higher. */
export function renderTornado(s: Scenario, r: Sensitivity, c: ChalkInstance, width: number): string {
  const out: string[] = [];
  out.push(c.bold(wrap(`${s.name}: sensitivity of ${r.metric}`, width).join('\n')));
  out.push(
    ...wrap(
      `${s.file} · each ranged input from its low to its high end, each event from failing to holding, all others as written · base ${showValue(r.base, r)}${r.expr.unit === 'money' ? ` (${millionsOf(s.currency)})` : ''}`,
      width,
    ),
  );
  out.push('');
  if (r.rows.length === 0) {
    out.push('no ranged inputs: every figure is a single value');
    return out.join('\n');
  }
  const base = r.base ?? Dec.ZERO;
  const lows = r.rows.map((x) => (x.atLow && x.atHigh ? base.minus(x.atLow.min(x.atHigh)) : Dec.ZERO));
  const highs = r.rows.map((x) => (x.atLow && x.atHigh ? x.atHigh.max(x.atLow).minus(base) : Dec.ZERO));
  const values = r.rows.map((x) => [showValue(x.atLow, r), showValue(x.atHigh, r), showValue(x.swing, r)]);
  const numbers = [0, 1, 2].map((i) => Math.max(...values.map((v) => v[i]!.length), 7) + 3);
  // The input column and the bars share what the numbers leave.
  const room = width - numbers.reduce((a, b) => a + b, 0) - 8;
  // Paths first (up to 40 columns), bars take the rest (4 to 20 cells a side).
  const W = Math.max(4, Math.min(20, Math.floor((room - 40) / 2)));
  const scale = [...lows, ...highs].reduce((a, b) => a.max(b), Dec.ZERO);
  const cells = (x: Dec) => (scale.isZero() ? 0 : Math.round(x.div(scale).toNumber() * W));
  const pathWidth = Math.max(12, Math.min(44, room - 2 * W, Math.max(...r.rows.map((x) => [...x.input.path].length))));
  const rows = r.rows.map((x, i) => {
    const l = cells(lows[i]!);
    const h = cells(highs[i]!);
    // Colour says which end of the input moves the metric up: green where its high end lands.
    const up = x.atHigh !== null && x.atLow !== null && x.atHigh.gte(x.atLow);
    // Plain parts, coloured by the table after escaping (never a colour code inside the text).
    const tones = [
      { text: ' '.repeat(W - l) },
      { text: '█'.repeat(l), tone: up ? ('bad' as const) : ('good' as const) },
      { text: '|' },
      { text: '█'.repeat(h), tone: up ? ('good' as const) : ('bad' as const) },
    ];
    const bars: Cell = { kind: 'text', text: tones.map((t) => t.text).join(''), tones };
    const p = x.input.path;
    const path = [...p].length > pathWidth ? `…${[...p].slice(-(pathWidth - 1)).join('')}` : p;
    return [path, ...values[i]!, bars];
  });
  out.push(
    tableOf(
      ['Input (low | high)', 'At low', 'At high', 'Swing', W >= 6 ? `${'lower'.padStart(W)}|higher` : 'Effect'],
      rows,
      ['left', 'right', 'right', 'right', 'left'],
      c,
      width,
      false,
    ),
  );
  return out.join('\n');
}

/** Tidy CSV of a simulation: one row per metric, scope and statistic, then the probabilities. */
export function simulateCsv(s: Scenario, r: SimResult): string {
  const rows: CsvValue[][] = [];
  const stats = ['p5', 'p50', 'p95', 'mean'] as const;
  for (const prefix of ['', 'pv.', 'real.']) {
    for (const m of SIM_METRICS)
      for (const sc of scopes(s)) {
        const x = r.summaries.get(`${prefix}${m}.${sc}`);
        if (x) for (const st of stats) rows.push([`${prefix}${m}`, sc, st, millionsOf(s.currency), m3(x[st])]);
      }
  }
  for (const m of RATIO_METRICS) {
    const x = r.summaries.get(`${m.id}.total`);
    if (x) for (const st of stats) rows.push([m.id, 'total', st, 'ratio', r4(x[st])]);
  }
  for (const x of r.plan.metrics) {
    const sm = r.summaries.get(metricName(x.text))!;
    const unit = x.unit === 'money' ? millionsOf(s.currency) : x.unit;
    for (const st of [...stats, 'se'] as const) rows.push([x.text, 'total', st, unit, machine(sm[st], x.unit)]);
  }
  for (const [test, p] of r.probabilities) {
    rows.push([test, '', 'probability', 'share of trials', p]);
    rows.push([test, '', 'stdError', 'share of trials', r6(proportionSe(r.counts.get(test) ?? 0, r.trials))]);
  }
  return toCsv(['metric', 'scope', 'statistic', 'unit', 'value'], rows);
}

type VarianceResult = { shares: VarianceShare[]; variance: number; trials: number; seed: number };

/** sensitivity --variance, for machines: each input's share of the metric's variance. */
export function varianceJson(v: VarianceResult): unknown {
  return {
    method:
      "first-order share of variance, Var(E[Y | X]) / Var(Y), from a simulation (ranges: equal-count bins of the draws; gates: holds vs fails; the groups' own sampling noise taken out); inputs drawn independently; se: standard error over 20 batches of the trials",
    trials: v.trials,
    seed: v.seed,
    inputs: v.shares.map((x) => ({ path: x.path, kind: x.kind, share: Number(x.share.toFixed(4)), se: Number(x.se.toFixed(4)) })),
  };
}

/** sensitivity --variance as a table. */
export function renderVariance(v: VarianceResult, c: ChalkInstance, width: number): string {
  return [
    c.bold(`Share of variance (first order, ${v.trials.toLocaleString('en-US')} trials, seed ${v.seed})`),
    ...wrap(
      'Each input weighted by its distribution and each gate by its probability: how much of the spread it explains on its own. The shares add up to at most 100% (within their Monte Carlo error, the +- column: one standard error); the rest comes from inputs acting together.',
      width,
    ),
    tableOf(
      ['Input', 'Kind', 'Share', '+-'],
      v.shares.map((x) => [x.path, x.kind, pct(x.share), pct(x.se)]),
      ['left', 'left'],
      c,
      width,
    ),
  ].join('\n');
}

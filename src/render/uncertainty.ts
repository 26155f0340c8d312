// Renders simulate (percentiles, probabilities, a histogram of headline mobilization)
// and sensitivity (a tornado) for terminals and as JSON.
import { toCsv, type CsvValue } from './csv.js';
import type { ChalkInstance } from 'chalk';
import { Dec, displayMillions } from '../core/money.js';
import type { Scenario } from '../normalize/types.js';
import type { SimResult } from '../simulate/simulate.js';
import { SIM_METRICS, scopes } from '../simulate/plan.js';
import { metricText } from './format.js';
import type { Sensitivity } from '../simulate/sensitivity.js';
import { metricUnit } from '../measure/paths.js';
import { table } from './table.js';

export const UNCERTAINTY_JSON_VERSION = 1;

const LABEL: Record<string, string> = {
  publicCommitment: 'Public commitment',
  budgetCost: 'Budget cost (appropriated basis)',
  outlays: 'Outlays (within horizon)',
  privateMobilized: 'Private capital mobilized',
  headlineMobilization: 'Headline mobilization',
};

/** USD -> millions, rounded to the thousand dollars (floats: no false precision). */
const m3 = (x: number): number | null => (Number.isFinite(x) ? Number((x / 1e6).toFixed(3)) : null);
const r4 = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);
const fm = (x: number) => (Number.isFinite(x) ? displayMillions(Dec.of((Math.round(x / 1e5) * 1e5).toFixed(0))) : '-');
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** An input's value for machines: amounts in USD millions like every amount here; rates and ratios as fractions. */
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
      amounts: 'USD millions',
      ratios: 'private dollars per public dollar',
      percentiles: 'linear between order statistics (type 7)',
    },
    scenario: {
      name: s.name,
      file: s.file,
      extends: s.chain.slice(1),
      horizon: { start: `FY${s.horizon.start}`, years: s.horizon.years },
    },
    trials: r.trials,
    seed: r.seed,
    inputs: inputs(r),
    gates: r.plan.gates.map((g) => ({
      id: g.key,
      label: g.label,
      probability: g.prob ? g.prob.value.base.toPlain(6) : null,
      asWritten: g.holds,
    })),
    metrics: block(''),
    leverage: { commitment: lev('commitment'), budget: lev('budget') },
    presentValue: s.discount
      ? {
          convention: 'end of each fiscal year; factor 1/(1+r_t)^t, t = years from the start of the horizon',
          rates: s.discount.byMaturity.map((x) => ({ maturity: x.years, rate: x.rate.toPlain(6) })),
          metrics: block('pv.'),
        }
      : null,
    real: s.inflation
      ? { inflation: s.inflation.rate.toPlain(6), dollarsOf: `FY${s.horizon.start + s.inflation.base}`, metrics: block('real.') }
      : null,
    probabilities: Object.fromEntries(r.probabilities),
    histogram: {
      metric: 'headlineMobilization.total',
      bins: r.histogram.map((b) => ({ from: m3(b.from), to: m3(b.to), count: b.count })),
    },
  };
}

export function renderSimulate(s: Scenario, r: SimResult, c: ChalkInstance): string {
  const out: string[] = [];
  const N = s.horizon.years;
  out.push(c.bold(`${s.name}: simulation`));
  out.push(
    `${s.file} · ${String(r.trials).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} trials · seed ${r.seed} · FY${s.horizon.start}-FY${s.horizon.start + N - 1} · USD millions`,
  );
  out.push('');
  const it = table(['Uncertain input', 'Meaning', 'Low', 'Base', 'High'], c, ['left', 'left']);
  for (const f of r.plan.random) {
    const d = f.dist ?? 'uniform';
    const show = (x: Dec) => (f.unit === 'amount' ? displayMillions(x) : f.unit === 'rate' ? rateText(x) : `${x.toPlain(4)}x`);
    it.push([
      f.path,
      d === 'normal' || d === 'lognormal' ? `${d} (P5/P95)` : d,
      show(f.value.low),
      show(f.value.base),
      show(f.value.high),
    ]);
  }
  for (const g of r.plan.gates)
    it.push([
      g.label,
      g.prob ? 'gate' : 'gate (as written)',
      '',
      g.prob ? rateText(g.prob.value.base) : g.holds ? 'holds' : 'fails',
      '',
    ]);
  out.push(it.toString());
  out.push('');
  const section = (title: string, prefix: string) => {
    const t = table([title, 'Scope', 'P5', 'P50', 'P95', 'Mean'], c, ['left', 'left']);
    for (const m of SIM_METRICS)
      for (const sc of scopes(s)) {
        const x = r.summaries.get(`${prefix}${m}.${sc}`)!;
        t.push([sc === scopes(s)[0] ? LABEL[m]! : '', sc, fm(x.p5), fm(x.p50), fm(x.p95), fm(x.mean)]);
      }
    out.push(t.toString());
    out.push('');
  };
  section('Metric (horizon totals, nominal)', '');
  if (s.discount) {
    const rates =
      s.discount.byMaturity.length === 1
        ? rateText(s.discount.byMaturity[0]!.rate)
        : s.discount.byMaturity.map((x) => `${x.years}y ${rateText(x.rate)}`).join(', ');
    out.push(c.bold(`Present value at ${rates} (end of each fiscal year, to the start of FY${s.horizon.start})`));
    section('Metric (present value)', 'pv.');
  }
  if (s.inflation) {
    out.push(c.bold(`Real: FY${s.horizon.start + s.inflation.base} dollars at ${rateText(s.inflation.rate)} inflation a year`));
    section('Metric (real)', 'real.');
  }
  const lt = table(['Leverage (total)', 'P5', 'P50', 'P95', 'Mean'], c);
  for (const b of ['commitment', 'budget']) {
    const x = r.summaries.get(`leverage.${b}.total`)!;
    const f = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : '-');
    lt.push([`${b === 'budget' ? 'budget-cost' : b} basis`, f(x.p5), f(x.p50), f(x.p95), f(x.mean)]);
  }
  out.push(lt.toString());
  out.push('');
  if (r.probabilities.size) {
    const pt = table(['Test', 'Probability met'], c);
    for (const [k, p] of r.probabilities) pt.push([testLabel(k, s, N), pct(p)]);
    out.push(pt.toString());
    out.push('');
  }
  out.push(c.bold('Headline mobilization, all trials (USD millions)'));
  const most = Math.max(...r.histogram.map((b) => b.count));
  const target = s.targets.mobilization?.value.base.toNumber();
  for (const b of r.histogram) {
    const bar = '#'.repeat(most === 0 ? 0 : Math.round((b.count / most) * 40));
    const mark = target !== undefined && target >= b.from && target < b.to ? c.yellow(' <- target') : '';
    out.push(
      `${fm(b.from).padStart(10)} - ${fm(b.to).padStart(10)} | ${bar.padEnd(40)} ${pct(b.count / r.trials).padStart(6)}${mark}`,
    );
  }
  if (target !== undefined) out.push(`target ${fm(target)}: met in ${pct(r.probabilities.get('target.met') ?? 0)} of trials`);
  return out.join('\n');
}

function testLabel(k: string, s: Scenario, N: number): string {
  const floor = s.targets.floor ? displayMillions(s.targets.floor.value.base) : '';
  const m = /^floor\.(\w+)\.(\w+)\.(met|everyYear)$/.exec(k);
  if (m) return m[3] === 'met' ? `${m[1]} ${m[2]}: average >= ${floor}/yr` : `${m[1]} ${m[2]}: >= ${floor} in all ${N} years`;
  return k === 'target.met'
    ? `headline >= target ${s.targets.mobilization ? displayMillions(s.targets.mobilization.value.base) : ''}`
    : k;
}

const showValue = (x: Dec | null, metric: string) => (x === null ? '-' : metricText(x, metric));
const machineValue = (x: Dec | null, metric: string) =>
  x === null ? null : metricUnit(metric) === 'amount' ? x.div(1e6).toPlain(6) : x.toPlain(6);

export function sensitivityJson(s: Scenario, r: Sensitivity): unknown {
  return {
    version: UNCERTAINTY_JSON_VERSION,
    command: 'sensitivity',
    units: { amounts: 'USD millions' },
    scenario: { name: s.name, file: s.file, extends: s.chain.slice(1) },
    metric: r.metric,
    base: machineValue(r.base, r.metric),
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
        atLow: machineValue(x.atLow, r.metric),
        atHigh: machineValue(x.atHigh, r.metric),
        swing: machineValue(x.swing, r.metric),
        source: i.source ?? null,
      };
    }),
  };
}

/** A tornado: one bar per input around the base value, left to its lower outcome, right to its higher. */
export function renderTornado(s: Scenario, r: Sensitivity, c: ChalkInstance): string {
  const out: string[] = [];
  out.push(c.bold(`${s.name}: sensitivity of ${r.metric}`));
  out.push(
    `${s.file} · each ranged input from its low to its high end, each gate from failing to holding, all others as written · base ${showValue(r.base, r.metric)}${metricUnit(r.metric) === 'amount' ? ' (USD millions)' : ''}`,
  );
  out.push('');
  if (r.rows.length === 0) {
    out.push('no ranged inputs: every figure is a single value');
    return out.join('\n');
  }
  const base = r.base ?? Dec.ZERO;
  const lows = r.rows.map((x) => (x.atLow && x.atHigh ? base.minus(x.atLow.min(x.atHigh)) : Dec.ZERO));
  const highs = r.rows.map((x) => (x.atLow && x.atHigh ? x.atHigh.max(x.atLow).minus(base) : Dec.ZERO));
  const W = 20;
  const scale = [...lows, ...highs].reduce((a, b) => a.max(b), Dec.ZERO);
  const cells = (x: Dec) => (scale.isZero() ? 0 : Math.round(x.div(scale).toNumber() * W));
  const width = Math.min(44, Math.max(...r.rows.map((x) => x.input.path.length)));
  const t = table(
    ['Input (low | high; gates: fails | holds)', 'At low', 'At high', 'Swing', `${''.padStart(W - 4)}lower | higher`],
    c,
    ['left', 'right', 'right', 'right', 'left'],
  );
  r.rows.forEach((x, i) => {
    const l = cells(lows[i]!),
      h = cells(highs[i]!);
    // Colour says which end of the input moves the metric up: green where its high end lands.
    const up = x.atHigh !== null && x.atLow !== null && x.atHigh.gte(x.atLow);
    const left = (up ? c.red : c.green)('█'.repeat(l)),
      right = (up ? c.green : c.red)('█'.repeat(h));
    const p = x.input.path;
    const path = p.length > width ? '…' + p.slice(-(width - 1)) : p;
    t.push([
      path,
      showValue(x.atLow, r.metric),
      showValue(x.atHigh, r.metric),
      showValue(x.swing, r.metric),
      `${' '.repeat(W - l)}${left}|${right}`,
    ]);
  });
  out.push(t.toString());
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
        if (x) for (const st of stats) rows.push([`${prefix}${m}`, sc, st, 'USD millions', m3(x[st])]);
      }
  }
  for (const b of ['commitment', 'budget']) {
    const x = r.summaries.get(`leverage.${b}.total`);
    if (x) for (const st of stats) rows.push([`leverage.${b}`, 'total', st, 'ratio', r4(x[st])]);
  }
  for (const [test, p] of r.probabilities) rows.push([test, '', 'probability', 'share of trials', p]);
  return toCsv(['metric', 'scope', 'statistic', 'unit', 'value'], rows);
}

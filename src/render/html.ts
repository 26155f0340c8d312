// `report`: one self-contained HTML page (inline CSS and SVG, no script, no network)
// a policy reader can open or print: charts, the metrics tables, the claims that hold
// and those that do not, and the citation of every input. Every number shown carries
// data-json (a JSON pointer into `run --format json`) and data-value (the exact value),
// so a test can check the page against the JSON.
import type { SimResult } from '../simulate/simulate.js';
import type { Scenario } from '../normalize/types.js';
import { Dec, displayMillions, millions } from '../core/money.js';
import type { Evaluation } from '../pipeline.js';
import { isActive } from '../compute/engine.js';
import type { MoneyMetric } from '../measure/paths.js';
import { claimValue, publishedText, yearLabel } from './json.js';
import { metricText, ratioText } from './format.js';
import { inputRows, lineRefs } from './inputs.js';
import { attrs, barChart, esc, lineChart, type Mark } from './svg.js';

/** Percentile bands from a simulation, per year (USD millions), when one was run. */
export interface Fan {
  label: string;
  runs: number;
  seed?: string | number;
  years: string[];
  p5: number[];
  p50: number[];
  p95: number[];
}

/** The fan of cumulative headline mobilization from a simulation run with `yearly`. */
export function fanOf(s: Scenario, r: SimResult, seed: number): Fan {
  const years = Array.from({ length: s.horizon.years }, (_, y) => `FY${s.horizon.start + y}`);
  const at = (fy: string) => r.summaries.get(`cumulative.headlineMobilization.total.${fy}`)!;
  const m = (x: number) => Number((x / 1e6).toFixed(3));
  return {
    label: 'Cumulative headline mobilization, simulated',
    runs: r.trials,
    seed,
    years,
    p5: years.map((y) => m(at(y).p5)),
    p50: years.map((y) => m(at(y).p50)),
    p95: years.map((y) => m(at(y).p95)),
  };
}

const num = (x: Dec) => Number(millions(x));
const ptr = (...parts: (string | number)[]) =>
  '/' + parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** A table cell holding one number from the JSON document. */
function cell(json: string, value: string | number | boolean | null, shown: string, cls = 'num'): string {
  return `<td class="${cls}"${attrs({ 'data-json': json, 'data-value': value === null ? 'null' : String(value) })}>${esc(shown)}</td>`;
}
const moneyCell = (json: string, x: Dec) => cell(json, millions(x), displayMillions(x));
const ratioCell = (json: string, x: Dec | null) => cell(json, x === null ? null : x.toPlain(6), ratioText(x));
const verdict = (met: boolean | null) => (met === null ? 'n/a' : met ? 'MET' : 'NOT MET');

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; max-width: 980px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #1f3b57; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta { color: #444; margin: 0 0 1rem; } .note { color: #444; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { font-weight: 700; } td.good { }
.verdict-met { font-weight: 700; } .verdict-not { font-weight: 700; text-decoration: underline; }
figure.chart { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 700; margin-bottom: .3rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
svg .grid { stroke: #ddd; stroke-width: 1; } svg .axis { stroke: #222; stroke-width: 1.2; }
svg .tick { font-size: 11px; fill: #333; } svg .axislabel { font-size: 12px; fill: #111; font-weight: 600; }
svg .legend { font-size: 11.5px; fill: #111; } svg .total { font-size: 10.5px; fill: #111; } svg .reflabel { font-size: 11.5px; fill: #c0392b; font-weight: 700; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: .6rem; margin: 1rem 0; }
.kpi { border: 1px solid #bbb; border-left: 5px solid #1f3b57; padding: .5rem .7rem; }
.kpi b { display: block; font-size: 1.3rem; }
td.src { font-size: .8rem; } code { font-size: .85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 15mm; }
`;

export function toHtml(ev: Evaluation, opts: { fan?: Fan } = {}): string {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const govName = (g: string) => s.governments.find((x) => x.code === g)?.name ?? g;
  const scopes = [...govs, 'total'];
  const years = Array.from({ length: N }, (_, y) => y);
  const fy = (y: number) => yearLabel(s.horizon.start, y, N);
  const parts: string[] = [];
  const h = (x: string) => parts.push(x);
  const floorAmount = m.floorAmount();
  const t = m.target();

  h(`<header><h1>${esc(s.name)}</h1>`);
  h(
    `<p class="meta">Scenario <code>${esc(s.file)}</code>${
      s.chain.length > 1
        ? ` (extends ${s.chain
            .slice(1)
            .map((x) => `<code>${esc(x)}</code>`)
            .join(' &rarr; ')})`
        : ''
    } · case: <b>${esc(ev.case)}</b> · FY${s.horizon.start}&ndash;FY${s.horizon.start + N - 1} · all amounts in USD millions</p>`,
  );
  if (s.description) h(`<p>${esc(s.description)}</p>`);
  h('</header>');

  // Key figures
  const holds = ev.claims.filter((c) => c.holds).length;
  h('<section class="kpis">');
  h(
    `<div class="kpi">Headline mobilization (10 yr)<b${attrs({ 'data-json': ptr('metrics', 'headlineMobilization'), 'data-value': millions(t.headline) })}>${displayMillions(t.headline)}</b>${t.target !== null ? `target ${displayMillions(t.target)}: ${verdict(t.met)}` : ''}</div>`,
  );
  h(
    `<div class="kpi">Budget cost (10 yr)<b${attrs({ 'data-json': ptr('metrics', 'budgetCost', 'total'), 'data-value': millions(m.money('budgetCost')) })}>${displayMillions(m.money('budgetCost'))}</b>appropriated basis, both governments</div>`,
  );
  h(
    `<div class="kpi">Private capital mobilized<b${attrs({ 'data-json': ptr('metrics', 'privateMobilized', 'total'), 'data-value': millions(m.money('privateMobilized')) })}>${displayMillions(m.money('privateMobilized'))}</b>leverage ${m.leverage('commitment') === null ? '-' : m.leverage('commitment')!.toFixed(2) + 'x'} per committed public dollar</div>`,
  );
  h(`<div class="kpi">Published claims<b>${holds} of ${ev.claims.length}</b>hold against the model</div>`);
  h('</section>');

  // Charts
  h('<h2 id="charts">Charts</h2>');
  const mechs = s.mechanisms;
  for (const g of govs) {
    const used = mechs.filter((x) => !m.money('budgetCost', g, x.id).isZero());
    const values: Mark[][] = used.map((x) =>
      years.map((y) => {
        const v = m.money('budgetCost', g, x.id, y);
        return {
          value: num(v),
          data: {
            'data-flow': 'budgetCost',
            'data-government': g,
            'data-mechanism': x.id,
            'data-year': fy(y),
            'data-value': millions(v),
          },
        };
      }),
    );
    h(
      barChart({
        id: `chart-budget-${g}`,
        title: `${govName(g)}: budget cost by mechanism and year (appropriated basis)`,
        yLabel: 'USD millions',
        xLabel: 'fiscal year',
        categories: years.map(fy),
        series: used.map((x) => ({ key: x.id, label: `${x.id} ${x.label.length > 40 ? x.label.slice(0, 39) + '…' : x.label}` })),
        values,
        stacked: true,
        totals: years.map((y) => {
          const v = m.money('budgetCost', g, undefined, y);
          return {
            value: num(v),
            data: { 'data-json': ptr('metrics', 'budgetCost', 'byYear', fy(y), g), 'data-value': millions(v) },
          };
        }),
        ref:
          floorAmount === null
            ? undefined
            : {
                value: num(floorAmount),
                label: `floor ${displayMillions(floorAmount, 0)}/yr`,
                data: { 'data-json': ptr('metrics', 'floor', 'amount'), 'data-value': millions(floorAmount) },
              },
      }),
    );
  }
  if (used(m, 'budgetCost')) {
    h(
      barChart({
        id: 'chart-floor',
        title: `Yearly appropriations (budget cost) by government against the ${floorAmount === null ? '' : displayMillions(floorAmount, 0) + 'M '}floor`,
        yLabel: 'USD millions',
        xLabel: 'fiscal year',
        categories: years.map(fy),
        series: govs.map((g) => ({ key: g, label: govName(g) })),
        values: govs.map((g) =>
          years.map((y) => {
            const v = m.money('budgetCost', g, undefined, y);
            return {
              value: num(v),
              data: {
                'data-json':
                  floorAmount === null
                    ? ptr('metrics', 'budgetCost', 'byYear', fy(y), g)
                    : ptr('metrics', 'floor', g, 'appropriated', 'byYear', fy(y), 'amount'),
                'data-value': millions(v),
              },
            };
          }),
        ),
        stacked: false,
        ref:
          floorAmount === null
            ? undefined
            : {
                value: num(floorAmount),
                label: `floor ${displayMillions(floorAmount, 0)} per government per year`,
                data: { 'data-json': ptr('metrics', 'floor', 'amount'), 'data-value': millions(floorAmount) },
              },
      }),
    );
  }
  {
    let cum = Dec.ZERO;
    const cumulative: Mark[] = years.map((y) => {
      cum = cum.plus(m.money('headlineMobilization', 'total', undefined, y));
      return {
        value: num(cum),
        data: { 'data-cumulative': 'headlineMobilization', 'data-year': fy(y), 'data-value': millions(cum) },
      };
    });
    h(
      lineChart({
        id: 'chart-headline',
        title: `Cumulative headline mobilization (public commitment + private capital)${t.target !== null ? ' against the target' : ''}`,
        yLabel: 'USD millions, cumulative',
        xLabel: 'fiscal year',
        categories: years.map(fy),
        series: [{ key: 'headline', label: 'headline mobilization, cumulative' }],
        values: [cumulative],
        ref:
          t.target === null
            ? undefined
            : {
                value: num(t.target),
                label: `target ${displayMillions(t.target, 0)}`,
                data: { 'data-json': ptr('metrics', 'target', 'amount'), 'data-value': millions(t.target) },
              },
      }),
    );
  }
  h(
    barChart({
      id: 'chart-private-public',
      title: 'Public commitment and private capital mobilized by mechanism (10-year totals)',
      yLabel: 'USD millions',
      xLabel: 'mechanism',
      categories: mechs.map((x) => x.id),
      series: [
        { key: 'publicCommitment', label: 'public commitment' },
        { key: 'privateMobilized', label: 'private capital mobilized' },
      ],
      values: (['publicCommitment', 'privateMobilized'] as const).map((metric) =>
        mechs.map((x) => {
          const v = m.money(metric, 'total', x.id);
          return {
            value: num(v),
            data: { 'data-json': ptr('metrics', metric, 'byMechanism', x.id, 'total'), 'data-value': millions(v) },
          };
        }),
      ),
      stacked: false,
    }),
  );
  if (opts.fan) {
    const f = opts.fan;
    h(
      lineChart({
        id: 'chart-fan',
        title: `${f.label}: median and P5–P95 band over ${f.runs} simulated runs${f.seed !== undefined ? ` (seed ${f.seed})` : ''}`,
        yLabel: 'USD millions',
        xLabel: 'fiscal year',
        categories: f.years,
        series: [{ key: 'p50', label: 'median (P50)' }],
        values: [
          f.p50.map((v, i) => ({
            value: v,
            data: { 'data-year': f.years[i], 'data-value': String(v), 'data-p5': String(f.p5[i]), 'data-p95': String(f.p95[i]) },
          })),
        ],
        band: { low: f.p5, high: f.p95, label: 'P5–P95' },
        ref:
          t.target === null
            ? undefined
            : {
                value: num(t.target),
                label: `target ${displayMillions(t.target, 0)}`,
                data: { 'data-value': millions(t.target) },
              },
      }),
    );
  }

  // Metrics tables
  h('<h2 id="metrics">Metrics (10-year totals, USD millions)</h2>');
  const rows: [string, MoneyMetric][] = [
    ['Public commitment', 'publicCommitment'],
    ['Budget cost (appropriated basis)', 'budgetCost'],
    ['Outlays (within horizon)', 'outlays'],
    ['Public capital deployed', 'deployed'],
    ['Distributions back', 'distributions'],
    ['Commitment net of distributions', 'netAfterReturns'],
    ['Private capital mobilized', 'privateMobilized'],
    [s.targets.includeFollowOn ? 'Grant follow-on (in headline)' : 'Grant follow-on (not in headline)', 'followOn'],
    ['Headline mobilization', 'headlineMobilization'],
  ];
  h(
    `<table id="table-headline"><thead><tr><th>Metric</th>${govs.map((g) => `<th class="num">${esc(g)}</th>`).join('')}<th class="num">Total</th></tr></thead><tbody>`,
  );
  for (const [label, metric] of rows) {
    const key = metric === 'headlineMobilization' ? 'headlineMobilizationDetail' : metric;
    h(`<tr><th>${esc(label)}</th>${scopes.map((sc) => moneyCell(ptr('metrics', key, sc), m.money(metric, sc))).join('')}</tr>`);
  }
  for (const basis of ['commitment', 'budget'] as const) {
    h(
      `<tr><th>Leverage, ${basis === 'commitment' ? 'commitment' : 'budget-cost'} basis (private per public dollar)</th>${scopes.map((sc) => ratioCell(ptr('metrics', 'leverage', basis, sc), m.leverage(basis, sc))).join('')}</tr>`,
    );
  }
  h('</tbody></table>');

  if (floorAmount !== null) {
    h(`<h3>Floor test: at least ${displayMillions(floorAmount)} per government per year</h3>`);
    if (s.targets.floor?.source)
      h(
        `<p class="note">Source: ${esc(s.targets.floor.source)}. The Compact does not say whether the floor counts appropriations or commitments; both are shown.</p>`,
      );
    h(
      '<table id="table-floor"><thead><tr><th>Government</th><th>Basis</th><th class="num">Average / yr</th><th class="num">Years met</th><th class="num">Shortfall (10 yr)</th><th>On average</th><th>Every year</th></tr></thead><tbody>',
    );
    for (const g of govs)
      for (const basis of ['appropriated', 'commitment'] as const) {
        const f = m.floor(g, basis);
        const p = (k: string) => ptr('metrics', 'floor', g, basis, k);
        h(
          `<tr><th>${esc(govName(g))}</th><td>${basis}</td>${moneyCell(p('average'), f.average)}${cell(p('yearsMet'), f.yearsMet, `${f.yearsMet}/${N}`)}${f.shortfall === null ? '<td>-</td>' : moneyCell(p('shortfall'), f.shortfall)}${cell(p('met'), f.met, verdict(f.met), f.met ? 'verdict-met' : 'verdict-not')}${cell(p('everyYear'), f.everyYear, verdict(f.everyYear), f.everyYear ? 'verdict-met' : 'verdict-not')}</tr>`,
        );
      }
    h('</tbody></table>');
  }
  if (t.target !== null) {
    h(`<h3>Target: ${displayMillions(t.target)} mobilized over ${N} years</h3>`);
    if (s.targets.mobilization?.source) h(`<p class="note">Source: ${esc(s.targets.mobilization.source)}</p>`);
    h(
      `<table id="table-target"><thead><tr><th>Target</th><th class="num">Headline</th><th class="num">Shortfall</th><th>Verdict</th></tr></thead><tbody><tr>${moneyCell(ptr('metrics', 'target', 'amount'), t.target)}${moneyCell(ptr('metrics', 'target', 'headline'), t.headline)}${moneyCell(ptr('metrics', 'target', 'shortfall'), t.shortfall!)}${cell(ptr('metrics', 'target', 'met'), t.met, verdict(t.met), t.met ? 'verdict-met' : 'verdict-not')}</tr></tbody></table>`,
    );
  }

  h(
    '<h3>By mechanism</h3><table id="table-mechanisms"><thead><tr><th>Mechanism</th><th>Kind</th><th class="num">Public commitment</th><th class="num">Budget cost</th><th class="num">Private mobilized</th><th class="num">Leverage (commitment)</th></tr></thead><tbody>',
  );
  for (const x of mechs) {
    const status = isActive(s, x) ? '' : x.kind === 'gated-project' ? ' (study fails)' : ' (inactive fallback)';
    h(
      `<tr><th>${esc(`${x.id} ${x.label}${status}`)}</th><td>${esc(x.kind)}</td>${moneyCell(ptr('metrics', 'publicCommitment', 'byMechanism', x.id, 'total'), m.money('publicCommitment', 'total', x.id))}${moneyCell(ptr('metrics', 'budgetCost', 'byMechanism', x.id, 'total'), m.money('budgetCost', 'total', x.id))}${moneyCell(ptr('metrics', 'privateMobilized', 'byMechanism', x.id, 'total'), m.money('privateMobilized', 'total', x.id))}${ratioCell(ptr('metrics', 'leverage', 'commitment', 'byMechanism', x.id), m.leverage('commitment', 'total', x.id))}</tr>`,
    );
  }
  h('</tbody></table>');

  h('<h3>Budget cost by year and government</h3><table id="table-budget-years"><thead><tr><th>Year</th>');
  h(`${scopes.map((sc) => `<th class="num">${esc(sc === 'total' ? 'Total' : sc)}</th>`).join('')}</tr></thead><tbody>`);
  for (let y = 0; y <= N; y++) {
    if (y === N && m.money('budgetCost', 'total', undefined, N).isZero()) continue;
    h(
      `<tr><th>${fy(y)}</th>${scopes.map((sc) => moneyCell(ptr('metrics', 'budgetCost', 'byYear', fy(y), sc), m.money('budgetCost', sc, undefined, y))).join('')}</tr>`,
    );
  }
  h('</tbody></table>');

  // Claims
  h(`<h2 id="claims">Published claims: ${holds} of ${ev.claims.length} hold</h2>`);
  for (const [title, list, id] of [
    ['Claims that do not hold', ev.claims.filter((c) => !c.holds), 'table-claims-fail'],
    ['Claims that hold', ev.claims.filter((c) => c.holds), 'table-claims-hold'],
  ] as const) {
    h(`<h3>${title} (${list.length})</h3>`);
    if (!list.length) {
      h('<p class="note">None.</p>');
      continue;
    }
    h(
      `<table id="${id}"><thead><tr><th>Claim</th><th>Metric</th><th class="num">Published</th><th class="num">Computed</th><th class="num">Difference</th><th>Source</th></tr></thead><tbody>`,
    );
    for (const c of list) {
      const i = ev.claims.indexOf(c);
      const metric = c.claim.metric;
      const pub = publishedText(c.claim.published, metric);
      const cmp = c.claim.comparison === 'atLeast' ? '≥ ' : c.claim.comparison === 'atMost' ? '≤ ' : '~';
      const computed = claimValue(c.computed, metric);
      const shown = (v: Dec | boolean | null) => metricText(v, metric);
      h(
        `<tr data-claim="${esc(c.claim.id)}"><td>${esc(c.claim.text ?? c.claim.id)}</td><td><code>${esc(metric)}</code></td>${cell(ptr('claims', i, 'published'), pub, `${cmp}${String(pub)}${c.claim.tolerance.isZero() ? '' : ` ±${c.claim.tolerance.times(100).toPlain(2)}%`}`)}${cell(ptr('claims', i, 'computed'), computed, shown(c.computed), c.holds ? 'num good' : 'num bad')}${c.difference === null ? '<td class="num">-</td>' : cell(ptr('claims', i, 'difference'), claimValue(c.difference, metric), shown(c.difference))}<td class="src">${esc(c.claim.source ?? '')}</td></tr>`,
      );
    }
    h('</tbody></table>');
  }

  // Inputs
  h('<h2 id="inputs">Inputs and their sources</h2>');
  h(
    '<p class="note">Every figure the scenario gives, with the range it allows (the case picks low, base or high), its citation and where it is written. Amounts in USD millions; rates and ratios as decimals. A citation in parentheses is inherited from the mechanism or assumption the figure belongs to.</p>',
  );
  h(
    '<table id="table-inputs"><thead><tr><th>Input</th><th>Unit</th><th class="num">Low</th><th class="num">Base</th><th class="num">High</th><th>Source</th><th>Report lines</th><th>Written at</th></tr></thead><tbody>',
  );
  for (const r of inputRows(s)) {
    h(
      `<tr data-input="${esc(r.path)}"><td><code>${esc(r.path)}</code></td><td>${esc(r.unit)}</td><td class="num">${esc(r.low)}</td><td class="num">${esc(r.base)}</td><td class="num">${esc(r.high)}</td><td class="src">${esc(r.source)}</td><td>${esc(lineRefs(r.source).join(', '))}</td><td class="src"><code>${esc(r.at)}</code></td></tr>`,
    );
  }
  h('</tbody></table>');
  h(
    `<p class="note">Generated by compact-model from <code>${esc(s.file)}</code>. Numbers in this page match <code>compact-model run --format json --case ${esc(ev.case)}</code>.</p>`,
  );

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(s.name)}: compact-model report</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}

function used(m: Evaluation['measure'], metric: MoneyMetric): boolean {
  return !m.money(metric).isZero();
}

// The report of one evaluation (run, report, xlsx): headline metrics, the floor on every
// scoring basis and the target, mechanisms, claims, flows by year, charts and inputs.
// Every label comes from the metric registry or the scenario (its horizon, its governments).
import { millionsOf, unitWord } from '../core/currency.js';
import { Dec, displayMillions, millions } from '../core/money.js';
import type { Evaluation } from '../measure/evaluate.js';
import { BASES } from '../model/bases.js';
import { FLOOR_READINGS, MONEY_METRICS, type MoneyMetricId, RATIO_METRICS } from '../model/metrics.js';
import { pathOf } from '../model/paths.js';
import { inactiveReason } from '../model/scenario.js';
import { inputRows, lineRefs } from './inputs.js';
import {
  type Block,
  type Cell,
  droppable,
  left,
  type Mark,
  money,
  ptr,
  type Report,
  right,
  type Row,
  type Section,
  type Table,
  text,
} from './model.js';
import { tailTable } from './tail.js';
import { valuationTable } from './valuation.js';
import { metricJson, metricText } from './values.js';

export interface Fan {
  label: string;
  runs: number;
  seed?: string | number;
  years: string[];
  p5: number[];
  p50: number[];
  p95: number[];
}

const num = (x: Dec) => Number(millions(x));

/** "FY2027" for a year index, "after" past the horizon. */
export function yearLabel(start: number, y: number, years: number): string {
  return y >= years ? 'after' : `FY${start + y}`;
}

/** The horizon as people say it: "FY2027-FY2036". */
export function horizonText(h: { start: number; years: number }): string {
  return h.years === 1 ? `FY${h.start}` : `FY${h.start}-FY${h.start + h.years - 1}`;
}

export function buildRunReport(ev: Evaluation, opts: { fan?: Fan } = {}): Report {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const govName = (g: string) => s.governments.find((x) => x.code === g)?.name ?? g;
  const scopes: (string | null)[] = [...govs, null];
  const scopeKey = (g: string | null) => g ?? 'total';
  const fy = (y: number) => yearLabel(s.horizon.start, y, N);
  const horizon = horizonText(s.horizon);
  const ctx = m.context;
  const sections: Section[] = [];
  const basis = m.basis;

  // --- meta: where it comes from and what it assumes
  const meta = [
    `${s.file}${s.chain.length > 1 ? ` (extends ${s.chain.slice(1).join(' -> ')})` : ''} · case: ${ev.case} · ${horizon} · ${millionsOf(s.currency)} · scoring basis: ${basis.id}`,
  ];
  const odds = (e: (typeof s.events)[number]) =>
    e.probability ? ` (p = ${e.probability.value.base.times(100).toPlain(2)}%)` : '';
  if (s.events.length)
    meta.push(
      `Assumes as written: ${s.events.map((e) => `${e.swing} ${e.words[e.holds ? 1 : 0]}${odds(e)}`).join('; ')}. See \`simulate\` for the odds.`,
    );

  // --- headline
  const moneyCell = (metric: MoneyMetricId, g: string | null, mech?: string, year?: number | 'after'): Cell => {
    const y = year === 'after' ? N : year;
    const v = m.money(metric, g, mech, y);
    const json =
      mech !== undefined
        ? year === undefined
          ? ptr('metrics', metric, 'byMechanism', mech, scopeKey(g))
          : undefined
        : year !== undefined
          ? ptr(
              'metrics',
              metric === 'headlineMobilization' ? 'headlineMobilizationDetail' : metric,
              'byYear',
              fy(y!),
              scopeKey(g),
            )
          : ptr('metrics', metric === 'headlineMobilization' ? 'headlineMobilizationDetail' : metric, scopeKey(g));
    return money(v, json, { metric, gov: g, mech, year });
  };
  const shownMoney = (group: 'headline' | 'instrument') =>
    MONEY_METRICS.filter(
      (mm) =>
        (mm.group ?? 'headline') === group &&
        !(mm.hideWhenZero && scopes.every((g) => m.money(mm.id, g).isZero())) &&
        !(mm.shownWith && scopes.every((g) => m.money(mm.shownWith!, g).isZero())),
    );
  const headRows: Row[] = shownMoney('headline').map((mm) => ({
    cells: [text(mm.label(ctx)), ...scopes.map((g) => moneyCell(mm.id, g))],
  }));
  const ratioRow = (r: (typeof RATIO_METRICS)[number]): Row => ({
    cells: [
      text(r.label(ctx)),
      ...scopes.map((g): Cell => ({
        kind: 'ratio',
        value: m.ratio(r.id, g),
        json: ptr('metrics', ...r.id.split('.'), scopeKey(g)),
      })),
    ],
  });
  for (const r of RATIO_METRICS.filter((x) => !x.deprecated && (x.group ?? 'headline') === 'headline'))
    headRows.push(ratioRow(r));
  const headBlocks: Block[] = [
    { kind: 'table', id: 'table-headline', columns: [left('Metric'), ...govs.map(right), right('Total')], rows: headRows },
    tailTable(ev),
  ];
  const pv = valuationTable(ev);
  if (pv) headBlocks.push(pv);
  if (s.measures.length)
    headBlocks.push({
      kind: 'table',
      id: 'table-measures',
      title: "The plan's own measures",
      columns: [left('Measure'), right('Value'), droppable(left('Sum of')), droppable(left('Source'), 2)],
      rows: s.measures.map((x) => ({
        cells: [
          text(x.label),
          money(m.value({ kind: 'measure', id: x.id }) as Dec, ptr('metrics', 'measures', x.id)),
          text(x.sum, { code: true }),
          text(x.source ?? ''),
        ],
      })),
    });
  // Private capital by instrument, in OECD DAC categories: only the mechanisms of each instrument.
  const instrumentRows: Row[] = shownMoney('instrument')
    .filter((mm) => scopes.some((g) => !m.money(mm.id, g).isZero()))
    .map((mm) => ({ cells: [text(mm.label(ctx)), ...scopes.map((g) => moneyCell(mm.id, g))] }));
  if (instrumentRows.length) {
    for (const r of RATIO_METRICS.filter((x) => !x.deprecated && x.group === 'instrument'))
      if (scopes.some((g) => m.ratio(r.id, g) !== null)) instrumentRows.push(ratioRow(r));
    headBlocks.push({
      kind: 'table',
      id: 'table-instruments',
      title: 'Private capital mobilized by instrument (OECD DAC categories)',
      columns: [left('Instrument'), ...govs.map(right), right('Total')],
      rows: instrumentRows,
      notes: [
        `Grant follow-on (${displayMillions(m.money('followOn'))}) is not mobilization in the OECD sense and is not in these rows. Ratios divide each instrument's private money by the same mechanisms' public money.`,
      ],
    });
  }
  sections.push({ id: 'headline', title: `Headline (${horizon} totals)`, blocks: headBlocks });

  // --- floor and target
  const verdictBlocks: Block[] = [];
  const floor = m.floorAmount();
  if (floor !== null) {
    const f0 = s.targets.floor;
    verdictBlocks.push({
      kind: 'para',
      strong: `Floor: at least ${displayMillions(floor)} per government per year`,
      text: `${f0?.source ? ` (${f0.source})` : ''}. Tested on the horizon's average and in every year, on each scoring basis and on public commitment.`,
    });
    const rows: Row[] = [];
    for (const g of govs) {
      const line = (reading: string, f: ReturnType<typeof m.floor>, json: ((k: string) => string) | undefined): Row => ({
        cells: [
          text(g),
          text(reading),
          { kind: 'money', value: f.average, json: json?.('average') },
          f.shortfall === null ? text('-') : { kind: 'money', value: f.shortfall, json: json?.('shortfall') },
          { kind: 'verdict', value: f.met, json: json?.('met') },
          { kind: 'count', value: f.yearsMet, of: N, json: json?.('yearsMet') },
          { kind: 'verdict', value: f.everyYear, json: json?.('everyYear') },
        ],
      });
      BASES.forEach((b, bi) => {
        const own = bi === m.basisIndex;
        rows.push(
          line(
            `budget, ${b.label}`,
            m.floor(g, 'appropriated', bi),
            own ? (k) => ptr('metrics', 'floor', g, 'appropriated', k) : (k) => ptr('metrics', 'floorByBasis', b.id, g, k),
          ),
        );
      });
      rows.push(line('commitment', m.floor(g, 'commitment'), (k) => ptr('metrics', 'floor', g, 'commitment', k)));
    }
    verdictBlocks.push({
      kind: 'table',
      id: 'table-floor',
      columns: [
        left('Gov'),
        left('Reading'),
        right('Avg / yr'),
        right('Shortfall'),
        left('Average'),
        right('Years'),
        left('Every yr'),
      ],
      rows,
      notes: [
        `Readings: budget cost on each scoring basis (${BASES.map((b) => b.id).join(', ')}), or all public commitment; the plan does not say which it means. Average: the ${N}-year average against the floor; Years: years at or above it; Shortfall: what the ${N} years lack on average.`,
      ],
    });
  }
  const t = m.target();
  if (t.target !== null) {
    const src = s.targets.mobilization?.source;
    verdictBlocks.push({
      kind: 'para',
      strong: `Target: ${displayMillions(t.target)} mobilized over ${N} years`,
      text: `${src ? ` (${src})` : ''}: headline ${displayMillions(t.headline)} -> ${t.met ? 'MET' : 'NOT MET'}`,
    });
    verdictBlocks.push({
      kind: 'table',
      id: 'table-target',
      columns: [right('Target'), right('Headline'), right('Shortfall'), left('Verdict')],
      rows: [
        {
          cells: [
            money(t.target, ptr('metrics', 'target', 'amount')),
            money(t.headline, ptr('metrics', 'target', 'headline')),
            money(t.shortfall!, ptr('metrics', 'target', 'shortfall')),
            { kind: 'verdict', value: t.met, json: ptr('metrics', 'target', 'met') },
          ],
        },
      ],
      detail: true,
    });
  }
  if (verdictBlocks.length) sections.push({ id: 'verdicts', title: 'Floor and target', blocks: verdictBlocks });

  // --- mechanisms
  const mechRows: Row[] = s.mechanisms.map((x) => {
    const why = inactiveReason(s, x);
    return {
      cells: [
        text(`${x.id} ${x.label}${why ? ` (inactive: ${why})` : ''}`),
        text(x.kind),
        moneyCell('publicCommitment', null, x.id),
        moneyCell('budgetCost', null, x.id),
        moneyCell('privateMobilized', null, x.id),
        moneyCell('followOn', null, x.id),
        {
          kind: 'ratio',
          value: m.ratio('leverage.commitment', null, x.id),
          json: ptr('metrics', 'leverage', 'commitment', 'byMechanism', x.id),
        },
      ],
    };
  });
  sections.push({
    id: 'mechanisms',
    title: 'By mechanism',
    blocks: [
      {
        kind: 'table',
        id: 'table-mechanisms',
        columns: [
          left('Mechanism'),
          droppable(left('Kind')),
          right('Commitment'),
          right('Budget cost'),
          right('Private'),
          droppable(right('Follow-on'), 2),
          right('Leverage'),
        ],
        rows: mechRows,
      },
    ],
  });

  // --- claims
  const holds = ev.claims.filter((c) => c.holds).length;
  const notApplicable = ev.claims.filter((c) => !c.applicable).length;
  const claimTable = (id: string, title: string, list: typeof ev.claims, detail: boolean): Table => ({
    kind: 'table',
    id,
    title: `${title} (${list.length})`,
    columns: [
      left('Claim'),
      droppable(left('Metric'), 3),
      right('Published'),
      right('Computed'),
      droppable(right('Difference'), 2),
      droppable(left('Source')),
    ],
    rows: list.map((c) => {
      const i = ev.claims.indexOf(c);
      const ref = c.claim.refs[0]!;
      const p = c.claim.published;
      const many = c.claim.tests.length > 1;
      // Several tests (per government, `also:`): each computed value, labelled.
      const computedText = !c.applicable
        ? `n/a (${c.claim.when} does not hold)`
        : many
          ? c.claim.tests
              .map(
                (t, k) =>
                  `${t.label && t.label !== t.metric ? `${t.label} ` : ''}${metricText(c.tests[k]!.computed, t.refs[0]!)}`,
              )
              .join(' / ')
          : metricText(c.computed, ref);
      const pubJson =
        typeof p === 'boolean'
          ? p
          : p.low.eq(p.high)
            ? metricJson(p.low, ref)
            : `${metricJson(p.low, ref)}-${metricJson(p.high, ref)}`;
      const pubText =
        typeof p === 'boolean'
          ? String(p)
          : p.low.eq(p.high)
            ? metricText(p.low, ref)
            : `${metricText(p.low, ref)}-${metricText(p.high, ref)}`;
      const cmp = c.claim.comparison === 'atLeast' ? '>= ' : c.claim.comparison === 'atMost' ? '<= ' : '~';
      const tol = c.claim.tolerance.isZero() ? '' : ` ±${c.claim.tolerance.times(100).toPlain(2)}%`;
      return {
        bad: !c.holds,
        data: { 'data-claim': c.claim.id },
        cells: [
          text(c.claim.text ?? c.claim.id),
          text(
            c.claim.metric +
              (c.claim.tests.length >
              (c.claim.tests[0]!.label && c.claim.tests[0]!.label !== c.claim.tests[0]!.metric
                ? c.claim.tests.filter((t) => t.label !== t.metric).length
                : 1)
                ? ' (and more)'
                : ''),
            { code: true },
          ),
          text(`${cmp}${pubText}${tol}`, { json: ptr('claims', i, 'published'), jsonValue: pubJson }),
          many || !c.applicable
            ? text(computedText)
            : text(computedText, { json: ptr('claims', i, 'computed'), jsonValue: metricJson(c.computed, ref) }),
          c.difference === null
            ? text('-')
            : text(metricText(c.difference, ref), {
                json: ptr('claims', i, 'difference'),
                jsonValue: metricJson(c.difference, ref),
              }),
          text(c.claim.source ?? ''),
        ],
      };
    }),
    empty: 'None.',
    detail,
  });
  sections.push({
    id: 'claims',
    title: `Published claims: ${holds} of ${ev.claims.length} hold${notApplicable ? ` (${notApplicable} not applicable as written)` : ''}`,
    blocks: [
      claimTable(
        'table-claims-fail',
        'Claims that do not hold',
        ev.claims.filter((c) => !c.holds),
        false,
      ),
      claimTable(
        'table-claims-hold',
        'Claims that hold',
        ev.claims.filter((c) => c.holds),
        true,
      ),
    ],
  });

  // --- by year
  const yearBlocks: Block[] = [];
  const slots = Array.from({ length: N + 1 }, (_, y) => y).filter(
    (y) => y < N || scopes.some((g) => !m.money('budgetCost', g, undefined, N).isZero()),
  );
  yearBlocks.push({
    kind: 'table',
    id: 'table-budget-years',
    title: `Budget cost by year and government (${basis.label} basis)`,
    columns: [left('Year', false), ...govs.map(right), right('Total')],
    rows: [
      ...slots.map((y) => ({
        cells: [text(fy(y)), ...scopes.map((g) => moneyCell('budgetCost', g, undefined, y === N ? 'after' : y))],
      })),
      { total: true, cells: [text('Total', { strong: true }), ...scopes.map((g) => moneyCell('budgetCost', g))] },
    ],
  });
  for (const g of govs) {
    for (const [title, metric] of [
      ['commitments', 'publicCommitment'],
      [`budget cost (${basis.label} basis)`, 'budgetCost'],
    ] as const) {
      const cols = s.mechanisms.filter((x) => !m.money(metric, g, x.id).isZero() || !m.money(metric, g, x.id, N).isZero());
      const ys = Array.from({ length: N + 1 }, (_, y) => y).filter((y) => y < N || !m.money(metric, g, undefined, N).isZero());
      yearBlocks.push({
        kind: 'table',
        id: `table-years-${g}-${metric}`,
        title: `${g}: ${title} by year and mechanism`,
        columns: [left('Year', false), ...cols.map((x) => right(x.id)), right('Total')],
        rows: [
          ...ys.map((y) => ({
            cells: [
              text(fy(y)),
              ...cols.map((x) => moneyCell(metric, g, x.id, y === N ? 'after' : y)),
              moneyCell(metric, g, undefined, y === N ? 'after' : y),
            ],
          })),
          {
            total: true,
            cells: [text('Total', { strong: true }), ...cols.map((x) => moneyCell(metric, g, x.id)), moneyCell(metric, g)],
          },
        ],
      });
    }
  }
  sections.push({ id: 'by-year', title: 'By year', blocks: yearBlocks });

  // --- charts
  // Built when a renderer reads them: only HTML draws charts, and the terminal's default view
  // skips this section unread (a large plan's charts hold a value for every mechanism-year).
  let chartBlocks: Block[] | undefined;
  sections.push({
    id: 'charts',
    title: 'Charts',
    get blocks() {
      return (chartBlocks ??= charts(ev, opts.fan));
    },
    detail: true,
  });

  // --- inputs
  sections.push({
    id: 'inputs',
    title: 'Inputs and their sources',
    detail: true,
    blocks: [
      {
        kind: 'para',
        text: `Every figure the scenario gives, with the range it allows (the case picks low, base or high), its citation and where it is written. Amounts in ${millionsOf(s.currency)}${s.exchangeRates.length ? ' unless the row names another currency' : ''}; rates and ratios as decimals. A citation in parentheses is inherited from the mechanism or assumption the figure belongs to.`,
      },
      {
        kind: 'table',
        id: 'table-inputs',
        columns: [
          left('Input'),
          left('Unit'),
          right('Low'),
          right('Base'),
          right('High'),
          left('Source'),
          left('Cited lines'),
          left('Written at'),
        ],
        rows: inputRows(s).map((r) => ({
          data: { 'data-input': r.path },
          cells: [
            text(r.path, { code: true }),
            text(r.unit),
            text(r.low),
            text(r.base),
            text(r.high),
            text(r.source),
            text(lineRefs(r.source).join(', ')),
            text(r.at, { code: true }),
          ],
        })),
      },
    ],
  });

  return {
    title: s.name,
    meta,
    highlights: [
      {
        label: `Headline mobilization (${horizon})`,
        value: money(t.headline, ptr('metrics', 'headlineMobilization')),
        note: t.target !== null ? `target ${displayMillions(t.target)}: ${t.met ? 'MET' : 'NOT MET'}` : '',
      },
      {
        label: `Budget cost (${horizon})`,
        value: money(m.money('budgetCost'), ptr('metrics', 'budgetCost', 'total')),
        note: `${basis.label} basis, ${govs.length === 1 ? govName(govs[0]!) : `all ${govs.length} governments`}`,
      },
      {
        label: 'Private capital mobilized',
        value: money(m.money('privateMobilized'), ptr('metrics', 'privateMobilized', 'total')),
        note: `${metricText(m.ratio('leverage.commitment'), { kind: 'ratio', metric: 'leverage.commitment', gov: null })} per committed public ${unitWord(s.currency)}`,
      },
      { label: 'Published claims', value: text(`${holds} of ${ev.claims.length}`), note: 'hold against the model' },
    ],
    sections,
    footer: [`Generated by compact-model from ${s.file}. Numbers match \`compact-model run --format json --case ${ev.case}\`.`],
  };

  function charts(e: Evaluation, fan?: Fan): Block[] {
    const out: Block[] = [];
    const years = Array.from({ length: N }, (_, y) => y);
    const mechs = s.mechanisms;
    for (const g of govs) {
      const used = mechs.filter((x) => !m.money('budgetCost', g, x.id).isZero());
      out.push({
        kind: 'bar',
        spec: {
          id: `chart-budget-${g}`,
          title: `${govName(g)}: budget cost by mechanism and year (${basis.label} basis)`,
          yLabel: millionsOf(s.currency),
          xLabel: 'fiscal year',
          categories: years.map(fy),
          series: used.map((x) => ({
            key: x.id,
            label: `${x.id} ${x.label.length > 40 ? `${x.label.slice(0, 39)}…` : x.label}`,
          })),
          values: used.map((x) =>
            years.map((y): Mark => {
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
          ),
          stacked: true,
          totals: years.map((y) => {
            const v = m.money('budgetCost', g, undefined, y);
            return {
              value: num(v),
              data: { 'data-json': ptr('metrics', 'budgetCost', 'byYear', fy(y), g), 'data-value': millions(v) },
            };
          }),
          ref:
            floor === null
              ? undefined
              : {
                  value: num(floor),
                  label: `floor ${displayMillions(floor, 0)}/yr`,
                  data: { 'data-json': ptr('metrics', 'floor', 'amount'), 'data-value': millions(floor) },
                },
        },
      });
    }
    if (!m.money('budgetCost').isZero())
      out.push({
        kind: 'bar',
        spec: {
          id: 'chart-floor',
          title: `Yearly budget cost (${basis.label} basis) by government against the ${floor === null ? '' : `${displayMillions(floor, 0)}M `}floor`,
          yLabel: millionsOf(s.currency),
          xLabel: 'fiscal year',
          categories: years.map(fy),
          series: govs.map((g) => ({ key: g, label: govName(g) })),
          values: govs.map((g) =>
            years.map((y): Mark => {
              const v = m.money('budgetCost', g, undefined, y);
              return {
                value: num(v),
                data: {
                  'data-json':
                    floor === null
                      ? ptr('metrics', 'budgetCost', 'byYear', fy(y), g)
                      : ptr('metrics', 'floor', g, 'appropriated', 'byYear', fy(y), 'amount'),
                  'data-value': millions(v),
                },
              };
            }),
          ),
          stacked: false,
          ref:
            floor === null
              ? undefined
              : {
                  value: num(floor),
                  label: `floor ${displayMillions(floor, 0)} per government per year`,
                  data: { 'data-json': ptr('metrics', 'floor', 'amount'), 'data-value': millions(floor) },
                },
        },
      });
    let cum = Dec.ZERO;
    const cumulative: Mark[] = years.map((y) => {
      cum = cum.plus(m.money('headlineMobilization', null, undefined, y));
      return {
        value: num(cum),
        data: { 'data-cumulative': 'headlineMobilization', 'data-year': fy(y), 'data-value': millions(cum) },
      };
    });
    out.push({
      kind: 'line',
      spec: {
        id: 'chart-headline',
        title: `Cumulative headline mobilization (public commitment + private capital)${t.target !== null ? ' against the target' : ''}`,
        yLabel: `${millionsOf(s.currency)}, cumulative`,
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
      },
    });
    out.push({
      kind: 'bar',
      spec: {
        id: 'chart-private-public',
        title: `Public commitment and private capital mobilized by mechanism (${horizon} totals)`,
        yLabel: millionsOf(s.currency),
        xLabel: 'mechanism',
        categories: mechs.map((x) => x.id),
        series: [
          { key: 'publicCommitment', label: 'public commitment' },
          { key: 'privateMobilized', label: 'private capital mobilized' },
        ],
        values: (['publicCommitment', 'privateMobilized'] as const).map((metric) =>
          mechs.map((x) => {
            const v = m.money(metric, null, x.id);
            return {
              value: num(v),
              data: { 'data-json': ptr('metrics', metric, 'byMechanism', x.id, 'total'), 'data-value': millions(v) },
            };
          }),
        ),
        stacked: false,
      },
    });
    if (fan)
      out.push({
        kind: 'line',
        spec: {
          id: 'chart-fan',
          title: `${fan.label}: median and P5–P95 band over ${fan.runs} simulated runs${fan.seed !== undefined ? ` (seed ${fan.seed})` : ''}`,
          yLabel: millionsOf(s.currency),
          xLabel: 'fiscal year',
          categories: fan.years,
          series: [{ key: 'p50', label: 'median (P50)' }],
          values: [
            fan.p50.map((v, i) => ({
              value: v,
              data: {
                'data-year': fan.years[i],
                'data-value': String(v),
                'data-p5': String(fan.p5[i]),
                'data-p95': String(fan.p95[i]),
              },
            })),
          ],
          band: { low: fan.p5, high: fan.p95, label: 'P5–P95' },
          ref:
            t.target === null
              ? undefined
              : {
                  value: num(t.target),
                  label: `target ${displayMillions(t.target, 0)}`,
                  data: { 'data-value': millions(t.target) },
                },
        },
      });
    void e;
    void pathOf;
    void FLOOR_READINGS;
    return out;
  }
}

/** The fan of cumulative headline mobilization from a simulation run with `yearly`. */
export function fanOf(
  s: import('../model/scenario.js').Scenario,
  r: import('../simulate/simulate.js').SimResult,
  seed: number,
): Fan {
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

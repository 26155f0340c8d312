// Charts (detail): budget cost by mechanism and year per government, yearly budget cost
// against the floor, cumulative headline mobilization against the target, public and
// private money by mechanism, and the simulated fan when there is one. Built when a
// renderer reads them: only HTML draws charts, and the terminal's default view skips this
// section unread (a large plan's charts hold a value for every mechanism-year).
import { millionsOf } from '../../core/currency.js';
import { Dec, displayMillions, millions } from '../../core/money.js';
import { type Block, type Mark, ptr } from '../model.js';
import type { RunContext, RunSection } from './context.js';

const num = (x: Dec) => Number(millions(x));

/** The floor as a reference line, when the plan has one. */
function floorRef(floor: Dec | null, label: (f: Dec) => string) {
  return floor === null
    ? undefined
    : {
        value: num(floor),
        label: label(floor),
        data: { 'data-json': ptr('metrics', 'floor', 'amount'), 'data-value': millions(floor) },
      };
}

function budgetByMechanism({ s, m, N, fy, govName, floor }: RunContext, g: string): Block {
  const years = Array.from({ length: N }, (_, y) => y);
  const used = s.mechanisms.filter((x) => !m.money('budgetCost', g, x.id).isZero());
  return {
    kind: 'bar',
    spec: {
      id: `chart-budget-${g}`,
      title: `${govName(g)}: budget cost by mechanism and year (${m.basis.label} basis)`,
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
      ref: floorRef(floor, (f) => `floor ${displayMillions(f, 0)}/yr`),
    },
  };
}

function budgetAgainstFloor({ s, m, N, govs, fy, govName }: RunContext, floor: Dec): Block {
  const years = Array.from({ length: N }, (_, y) => y);
  return {
    kind: 'bar',
    spec: {
      id: 'chart-floor',
      title: `Yearly budget cost (${m.basis.label} basis) by government against the ${displayMillions(floor, 0)}M floor`,
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
              'data-json': ptr('metrics', 'floor', g, 'appropriated', 'byYear', fy(y), 'amount'),
              'data-value': millions(v),
            },
          };
        }),
      ),
      stacked: false,
      ref: floorRef(floor, (f) => `floor ${displayMillions(f, 0)} per government per year`),
    },
  };
}

function cumulativeHeadline({ s, m, N, fy, target: t }: RunContext): Block {
  const years = Array.from({ length: N }, (_, y) => y);
  let cum = Dec.ZERO;
  const cumulative: Mark[] = years.map((y) => {
    cum = cum.plus(m.money('headlineMobilization', null, undefined, y));
    return {
      value: num(cum),
      data: { 'data-cumulative': 'headlineMobilization', 'data-year': fy(y), 'data-value': millions(cum) },
    };
  });
  return {
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
  };
}

function publicAndPrivate({ s, m, horizon }: RunContext): Block {
  return {
    kind: 'bar',
    spec: {
      id: 'chart-private-public',
      title: `Public commitment and private capital mobilized by mechanism (${horizon} totals)`,
      yLabel: millionsOf(s.currency),
      xLabel: 'mechanism',
      categories: s.mechanisms.map((x) => x.id),
      series: [
        { key: 'publicCommitment', label: 'public commitment' },
        { key: 'privateMobilized', label: 'private capital mobilized' },
      ],
      values: (['publicCommitment', 'privateMobilized'] as const).map((metric) =>
        s.mechanisms.map((x) => {
          const v = m.money(metric, null, x.id);
          return {
            value: num(v),
            data: { 'data-json': ptr('metrics', metric, 'byMechanism', x.id, 'total'), 'data-value': millions(v) },
          };
        }),
      ),
      stacked: false,
    },
  };
}

function simulatedFan({ s, fan, target: t }: RunContext): Block | undefined {
  if (!fan) return undefined;
  return {
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
          : { value: num(t.target), label: `target ${displayMillions(t.target, 0)}`, data: { 'data-value': millions(t.target) } },
    },
  };
}

function chartBlocks(rc: RunContext): Block[] {
  const out: Block[] = rc.govs.map((g) => budgetByMechanism(rc, g));
  // No floor chart without a floor: each government's budget by year is in its own chart above.
  if (rc.floor !== null && !rc.m.money('budgetCost').isZero()) out.push(budgetAgainstFloor(rc, rc.floor));
  out.push(cumulativeHeadline(rc), publicAndPrivate(rc));
  const fan = simulatedFan(rc);
  if (fan) out.push(fan);
  return out;
}

export const charts: RunSection = {
  id: 'charts',
  build(rc) {
    let blocks: Block[] | undefined;
    return {
      id: 'charts',
      title: 'Charts',
      get blocks() {
        return (blocks ??= chartBlocks(rc));
      },
      detail: true,
    };
  },
};

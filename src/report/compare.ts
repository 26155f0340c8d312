// The options table (compare): scenarios in columns, the reference first, each other one
// followed by its change from the reference ($ and %); the options in a chart; with
// --simulate, each option's odds with their Monte Carlo error. Built once, rendered by
// every format. Cells point into compare's JSON (data-json) so the HTML can be checked.
import { millionsOf } from '../core/currency.js';
import { Dec, displayMillions, millions } from '../core/money.js';
import { type Answer, type Change, type Comparison, type CompareRow, comparedBases } from '../measure/compare.js';
import type { Evaluation } from '../measure/evaluate.js';
import { BASES } from '../model/bases.js';
import { pairedDifferences, type SimResult } from '../simulate/simulate.js';
import { wilson, Z975 } from '../simulate/stats.js';
import {
  type Block,
  type Cell,
  type Column,
  droppable,
  left,
  type Mark,
  money,
  ptr,
  type Report,
  right,
  type Row,
  text,
} from './model.js';
import { horizonText } from './run.js';
import { ratioText } from './values.js';

/** The options' letters: A, B, ... Z, AA, AB, ... */
export function letter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + letter(i % 26);
}

/** Each option's simulation (common random numbers), when --simulate was asked. */
export interface CompareSimulation {
  trials: number;
  seed: number;
  results: SimResult[];
}

const signed = (s: string) => (s.startsWith('-') ? s : `+${s}`);

function valueCell(row: CompareRow, a: Answer, json: string, scenario: number, ownBasis: boolean): Cell {
  if ('na' in a) return text('n/a', { dim: true, json, jsonValue: null });
  const v = a.value;
  if (typeof v === 'boolean' || v === null)
    return row.spec.unit === 'boolean' || typeof v === 'boolean'
      ? { kind: 'verdict', value: v as boolean | null, json }
      : text('n/a', { dim: true, json, jsonValue: null });
  const spec = row.spec;
  if (spec.unit === 'amount') {
    const metric = spec.path.split('.')[0] as never;
    const gov = spec.path.split('.')[1];
    // A formula over the option's ledger sheet where the ledger is on the row's basis.
    const query = ownBasis ? { metric, gov: gov === undefined || gov === 'total' ? null : gov, scenario } : undefined;
    return money(v, json, spec.json ? query : undefined);
  }
  if (spec.unit === 'ratio') return { kind: 'ratio', value: v, json };
  return { kind: 'count', value: v.toNumber(), json };
}

function changeCells(row: CompareRow, c: Change, json: string): [Cell, Cell] {
  if (c.na !== undefined) return [text('n/a', { dim: true, json: `${json}/change`, jsonValue: null }), { kind: 'empty' }];
  if (c.change === null)
    return [
      c.changed ? text('changed', { strong: true, json: `${json}/changed`, jsonValue: true }) : { kind: 'empty' },
      { kind: 'empty' },
    ];
  const pct: Cell =
    c.pct === null
      ? { kind: 'empty' }
      : text(`${signed(c.pct.toFixed(1))}%`, { json: `${json}/percent`, jsonValue: c.pct.toPlain(6) });
  const unit = row.spec.unit;
  const ch: Cell =
    unit === 'amount'
      ? text(signed(displayMillions(c.change)), { json: `${json}/change`, jsonValue: millions(c.change) })
      : text(unit === 'ratio' ? signed(ratioText(c.change)) : signed(c.change.toFixed(0)), {
          json: `${json}/change`,
          jsonValue: c.change.toPlain(6),
        });
  return [ch, pct];
}

function optionsTable(cmp: Comparison): Block {
  const evs = cmp.evaluations;
  const cols: Column[] = [left(`Figure (${millionsOf(evs[cmp.baseline]!.scenario.currency)})`)];
  const order = [cmp.baseline, ...evs.map((_, i) => i).filter((i) => i !== cmp.baseline)];
  for (const i of order) {
    if (i === cmp.baseline) cols.push({ ...right(`${letter(i)} (ref.)`), repeat: true });
    else
      cols.push(
        right(letter(i)),
        { ...right(`${letter(i)}-${letter(cmp.baseline)}`), joined: true },
        { ...right('%'), joined: true },
      );
  }
  const rows: Row[] = cmp.rows.map((r, ri) => {
    const cells: Cell[] = [text(r.spec.label)];
    for (const i of order) {
      const json = ptr('rows', ri, 'values', i);
      const own = r.spec.basis === null || r.spec.basis === evs[i]!.scenario.basis;
      cells.push(valueCell(r, r.answers[i]!, json, i, own));
      if (i !== cmp.baseline) cells.push(...changeCells(r, r.changes[i]!, ptr('rows', ri, 'changes', i)));
    }
    return { cells, bad: r.changes.some((c) => c?.changed && r.spec.unit === 'boolean'), data: { 'data-path': r.spec.path } };
  });
  return {
    kind: 'table',
    id: 'table-compare',
    columns: cols,
    rows,
    notes: [
      `Changes are each option less the reference (${letter(cmp.baseline)}), and as a percentage of the reference; "changed" marks a verdict that differs from the reference's.`,
      ...cmp.notes,
    ],
  };
}

function legendTable(cmp: Comparison): Block {
  return {
    kind: 'table',
    id: 'table-options',
    columns: [
      left('Option', false),
      left('Scenario'),
      droppable(left('File', false)),
      left('Horizon', false),
      left('Basis', false),
    ],
    rows: cmp.evaluations.map((ev, i) => ({
      cells: [
        text(`${letter(i)}${i === cmp.baseline ? ' (ref.)' : ''}`, { strong: i === cmp.baseline }),
        text(ev.scenario.name),
        text(ev.scenario.file, { code: true }),
        text(horizonText(ev.scenario.horizon)),
        text(ev.scenario.basis),
      ],
    })),
  };
}

const num = (x: Dec) => Number(millions(x));

function charts(cmp: Comparison): Block[] {
  const evs = cmp.evaluations;
  const categories = evs.map((_, i) => `${letter(i)}${i === cmp.baseline ? ' (ref.)' : ''}`);
  const mark = (v: Dec, i: number, key: string): Mark => ({
    value: num(v),
    data: { 'data-option': letter(i), 'data-series': key, 'data-value': millions(v) },
  });
  const series = [
    { key: 'publicCommitment', label: 'Public commitment', of: (ev: Evaluation) => ev.measure.money('publicCommitment') },
    ...comparedBases(evs).map((b) => ({
      key: `budgetCost.${b.id}`,
      label: `Budget cost (${b.label})`,
      of: (ev: Evaluation) => ev.measure.money('budgetCost', null, undefined, undefined, BASES.indexOf(b)),
    })),
  ];
  const target = evs[cmp.baseline]!.measure.target().target;
  const unit = millionsOf(evs[cmp.baseline]!.scenario.currency);
  return [
    {
      kind: 'bar',
      spec: {
        id: 'chart-compare-budget',
        title: 'Public commitment and budget cost on each basis, by option (horizon totals)',
        yLabel: unit,
        xLabel: 'option',
        categories,
        series: series.map((s) => ({ key: s.key, label: s.label })),
        values: series.map((s) => evs.map((ev, i) => mark(s.of(ev), i, s.key))),
        stacked: false,
      },
    },
    {
      kind: 'bar',
      spec: {
        id: 'chart-compare-headline',
        title: 'Headline mobilization by option',
        yLabel: unit,
        xLabel: 'option',
        categories,
        series: [{ key: 'headlineMobilization', label: 'Headline mobilization' }],
        values: [evs.map((ev, i) => mark(ev.measure.money('headlineMobilization'), i, 'headlineMobilization'))],
        stacked: false,
        ...(target === null
          ? {}
          : {
              ref: {
                value: num(target),
                label: `reference's target ${displayMillions(target, 0)}`,
                data: { 'data-value': millions(target) },
              },
            }),
      },
    },
  ];
}

/** The tests every option simulated, in the reference's order, then the others'. */
export function simulatedTests(sim: CompareSimulation, baseline: number): string[] {
  const out: string[] = [];
  for (const r of [sim.results[baseline]!, ...sim.results]) for (const t of r.plan.tests) if (!out.includes(t)) out.push(t);
  return out;
}

/** A simulated test as a row label: "Floor US, budget: average". */
function testText(t: string): string {
  const m = /^floor\.([^.]+)\.(appropriated|commitment)\.(met|everyYear)$/.exec(t);
  if (m)
    return `Floor ${m[1]}, ${m[2] === 'appropriated' ? 'budget' : 'commitment'}: ${m[3] === 'met' ? 'average' : 'every year'}`;
  return t === 'target.met' ? 'Mobilization target' : t;
}

function simulationTable(cmp: Comparison, sim: CompareSimulation): Block {
  const evs = cmp.evaluations;
  const order = [cmp.baseline, ...evs.map((_, i) => i).filter((i) => i !== cmp.baseline)];
  const cols: Column[] = [left('Chance met (95% interval)')];
  for (const i of order) {
    const ref = i === cmp.baseline;
    cols.push({ ...right(`${letter(i)}${ref ? ' (ref.)' : ''}`), repeat: ref });
    if (!ref) cols.push({ ...right(`${letter(i)}-${letter(cmp.baseline)}`), joined: true });
  }
  const base = sim.results[cmp.baseline]!;
  const rows: Row[] = simulatedTests(sim, cmp.baseline).map((t, ti) => {
    const cells: Cell[] = [text(testText(t))];
    for (const i of order) {
      const r = sim.results[i]!;
      const k = r.counts.get(t);
      const json = ptr('simulation', 'tests', ti, 'options', i);
      if (k === undefined) cells.push(text('n/a', { dim: true, json, jsonValue: null }));
      else {
        const [lo, hi] = wilson(k, r.trials);
        // The chance, and under it its interval (one cell, so an option's columns stay narrow).
        cells.push(
          text(`${pct1(k / r.trials)}\n(${(lo * 100).toFixed(1)}-${(hi * 100).toFixed(1)})`, {
            json: `${json}/probability`,
            jsonValue: String(k / r.trials),
          }),
        );
      }
      if (i === cmp.baseline) continue;
      const kb = base.counts.get(t);
      cells.push(
        k === undefined || kb === undefined
          ? { kind: 'empty' }
          : text(`${signed((((k - kb) * 100) / r.trials).toFixed(1))}`, {
              json: `${json}/change`,
              jsonValue: String((k - kb) / r.trials),
            }),
      );
    }
    return { cells, data: { 'data-test': t } };
  });
  // Headline mobilization: each option's mean and the paired difference (same draws per shared input).
  const hl = 'headlineMobilization.total';
  const meanCells: Cell[] = [text('Headline mobilization, mean')];
  for (const i of order) {
    const s = sim.results[i]!.summaries.get(hl)!;
    meanCells.push(
      text(`${fmUsd(s.mean)}\n±${fmUsd(Z975 * s.se)}`, {
        json: ptr('simulation', 'headline', i, 'mean'),
        jsonValue: String(s.mean / 1e6),
      }),
    );
    if (i === cmp.baseline) continue;
    const d = pairedDifferences(sim.results[i]!, base).get(hl);
    meanCells.push(
      d
        ? text(`${signed(fmUsd(d.mean))}\n±${fmUsd(Z975 * d.se)}`, {
            json: ptr('simulation', 'headline', i, 'change'),
            jsonValue: String(d.mean / 1e6),
          })
        : { kind: 'empty' },
    );
  }
  rows.push({ cells: meanCells });
  return {
    kind: 'table',
    id: 'table-compare-simulation',
    columns: cols,
    rows,
    notes: [
      `${sim.trials} trials each, seed ${sim.seed}; every option draws the same numbers for the inputs it shares with the others (common random numbers), so a change is the options' difference, not noise. Chances: the share of trials that pass, in %, with its Wilson 95% interval below it; a change in percentage points. The budget readings are on each option's own scoring basis (see Options). Mean headline mobilization in millions of each option's currency: ± is 1.96 standard errors (the Monte Carlo error); a change's is that of the trial-by-trial difference.`,
    ],
  };
}

const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

const fmUsd = (x: number) => displayMillions(Dec.of((Math.round(x / 1e5) * 1e5).toFixed(0)));

export function buildCompareReport(cmp: Comparison, sim?: CompareSimulation): Report {
  const evs = cmp.evaluations;
  const ref = evs[cmp.baseline]!;
  const sections: Report['sections'] = [
    { id: 'options', title: 'Options', blocks: [legendTable(cmp)] },
    { id: 'compare', title: `Options against ${letter(cmp.baseline)} (${ref.scenario.name})`, blocks: [optionsTable(cmp)] },
  ];
  if (sim) sections.push({ id: 'simulation', title: 'Chances (simulated)', blocks: [simulationTable(cmp, sim)] });
  sections.push({ id: 'charts', title: 'Charts', blocks: charts(cmp) });
  return {
    title: `Options compared: ${evs.length} scenario${evs.length === 1 ? '' : 's'}`,
    meta: [
      `case: ${ref.case} · ${millionsOf(ref.scenario.currency)} · reference: ${letter(cmp.baseline)} ${ref.scenario.file} · scoring bases: ${comparedBases(
        evs,
      )
        .map((b) => b.id)
        .join(', ')}`,
    ],
    highlights: [],
    sections,
    footer: [
      'Every figure is the one `run --format json` gives for that scenario (on the basis the row names); compare --format json has them exact.',
    ],
  };
}

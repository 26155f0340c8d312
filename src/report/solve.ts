// The report of `solve` (the answer, how it was found, every headline money metric before
// and after) and the "what it would take" section, which a run report can add when a floor
// or target test fails: whatItWouldTake(ev) returns the Section, or undefined when every
// test holds.
import { millionsOf } from '../core/currency.js';
import { type Dec, displayMillions } from '../core/money.js';
import { M } from '../core/messages.js';
import type { Evaluation } from '../measure/evaluate.js';
import { floorReadingLabel, MONEY_METRICS } from '../model/metrics.js';
import type { MetricRef } from '../model/paths.js';
import type { Fig, Scenario } from '../model/scenario.js';
import { type Goal, goalDirection, type GoalState } from '../solve/goal.js';
import type { SolveResult } from '../solve/solve.js';
import { type TakeTest, whatItWouldTakeData, writtenAs } from '../solve/take.js';
import { type Block, type Cell, droppable, left, money, ptr, type Report, right, type Row, type Section, text } from './model.js';
import { horizonText } from './run.js';
import { metricText } from './values.js';
import { refsOf, testUnit } from '../model/expr.js';

/** An input's value for people: 312.5M, 30%, 2.5x. */
export function inputText(f: Fig, x: Dec): string {
  if (f.unit === 'rate') return `${x.times(100).toPlain(8)}%`;
  if (f.unit === 'ratio') return `${x.toPlain(10)}x`;
  return `${displayMillions(x, 'exact')}M`;
}

/** A change for people, signed: +62.5M. */
export function changeText(f: Fig, d: Dec): string {
  return `${d.isNeg() ? '' : '+'}${inputText(f, d)}`;
}

function inputCell(f: Fig, x: Dec, json?: string): Cell {
  return f.unit === 'amount' || f.unit === undefined ? money(x, json) : text(inputText(f, x), { json });
}

/** What the events assume as written, or undefined when the scenario has none. */
export function assumesText(s: Scenario): string | undefined {
  if (!s.events.length) return undefined;
  return M.solveAssumes(s.events.map((e) => `${e.swing} ${e.words[e.holds ? 1 : 0]}`).join('; '));
}

/** How far a goal that holds is from failing: a verdict's margin (an amount), else the metric's value. */
export function metDetail(goal: Goal, st: GoalState): string {
  if (typeof goal.assertion.value === 'boolean' && st.gap !== null) return M.solveSpare(displayMillions(st.gap.abs()));
  return `${goal.assertion.metric} is ${metricText(st.value, goal.assertion.unit)}`;
}

/** The lines that say what solve found, in order: the answer (or why there is none), how, and what it assumes. */
export function solveSentences(r: SolveResult): string[] {
  const f = r.input;
  const goal = r.goal.text;
  const out: string[] = [];
  const hi = r.bounds.hi ?? r.bounds.cap;
  switch (r.status) {
    case 'met':
      out.push(M.solveMet(goal, metDetail(r.goal, r.stateBefore)));
      break;
    case 'no-value':
      out.push(
        M.solveNoValue(
          goal,
          refsOf(r.goal.assertion.test.left).some((x) => x.kind === 'floor')
            ? 'floor (targets.floor)'
            : 'mobilization target (targets.mobilization)',
        ),
      );
      break;
    case 'unreachable':
      out.push(
        r.reason === 'flat'
          ? M.solveUnreachableFlat(f.path, goal, inputText(f, r.bounds.lo), inputText(f, hi))
          : M.solveUnreachableRange(f.path, goal, inputText(f, r.bounds.lo), inputText(f, hi)),
      );
      if (r.bounds.hi === undefined) out.push(M.solveSearched(inputText(f, r.bounds.cap)));
      break;
    case 'solved': {
      const value = r.value!;
      out.push(M.solveSolved(f.path, inputText(f, value), goal, inputText(f, r.own), changeText(f, value.minus(r.own))));
      const tight = r.stateAfter?.gap?.isZero() ?? false;
      if (r.method === 'bisection') out.push(M.solveBisection(inputText(f, r.precision!)));
      else
        out.push(
          tight || goalDirection(r.goal) === 'hit'
            ? M.solveExact
            : M.solveExactGrid(f.unit === 'amount' ? 'the dollar' : '10 decimal places'),
        );
      if (r.bounds.hi === undefined && value.gt(r.own) && r.method === 'bisection')
        out.push(M.solveSearched(inputText(f, r.bounds.cap)));
      break;
    }
  }
  if (!f.value.low.eq(f.value.high)) out.push(M.solveRange(`${inputText(f, f.value.low)}-${inputText(f, f.value.high)}`, r.case));
  const assumes = assumesText(r.before.scenario);
  if (assumes && (r.status === 'solved' || r.status === 'unreachable')) out.push(assumes);
  return out;
}

export function buildSolveReport(r: SolveResult): Report {
  const s = r.before.scenario;
  const m = r.before.measure;
  const f = r.input;
  const ref = r.goal.assertion.unit;
  const govs = s.governments.map((g) => g.code);
  const sections: Section[] = [];
  const lines = solveSentences(r);
  const blocks: Block[] = [
    { kind: 'para', strong: lines[0]!, text: '' },
    ...lines.slice(1).map((t): Block => ({ kind: 'para', text: t })),
  ];
  const written = writtenAs(s, f);
  const inputRow: Row = {
    cells: [
      text(f.path, { code: true }),
      text(written || '-'),
      inputCell(f, r.own, ptr('solution', 'own')),
      r.value !== undefined ? inputCell(f, r.value, ptr('solution', 'value')) : text('-'),
      r.value !== undefined ? inputCell(f, r.value.minus(r.own), ptr('solution', 'change')) : text('-'),
    ],
  };
  blocks.push({
    kind: 'table',
    id: 'table-solve-input',
    columns: [left('Input'), left('As written'), right('Scenario'), right('Solution'), right('Change')],
    rows: [inputRow],
  });
  const goalCell = (x: Dec | boolean | null, json: string): Cell => text(metricText(x, ref), { json, jsonValue: null });
  blocks.push({
    kind: 'table',
    id: 'table-solve-goal',
    columns: [left('Goal'), right('Before'), right('After'), left('Holds after')],
    rows: [
      {
        cells: [
          text(r.goal.text, { code: true }),
          goalCell(r.stateBefore.value, ptr('before', 'goal', 'value')),
          r.stateAfter ? goalCell(r.stateAfter.value, ptr('after', 'goal', 'value')) : text('-'),
          {
            kind: 'verdict',
            value: r.stateAfter ? r.stateAfter.holds : r.stateBefore.holds,
            json: ptr('after', 'goal', 'holds'),
          },
        ],
      },
    ],
  });
  sections.push({ id: 'solution', title: 'Solution', blocks });

  const after = r.after?.measure;
  const rows: Row[] = [];
  const listed = m.listedMetrics();
  for (const mm of MONEY_METRICS.filter((x) => listed.includes(x.id)))
    for (const g of [...govs, null]) {
      const scope = g ?? 'total';
      const b = m.money(mm.id, g);
      const a = after?.money(mm.id, g);
      rows.push({
        cells: [
          text(mm.label(m.context)),
          text(scope),
          money(b, ptr('before', 'metrics', mm.id, scope)),
          a !== undefined ? money(a, ptr('after', 'metrics', mm.id, scope)) : text('-'),
          a !== undefined ? money(a.minus(b)) : text('-'),
        ],
      });
    }
  sections.push({
    id: 'headline',
    title: `Headline metrics before and after (${horizonText(s.horizon)} totals)`,
    blocks: [
      {
        kind: 'table',
        id: 'table-solve-headline',
        columns: [left('Metric'), left('Scope'), right('Before'), right('After'), right('Change')],
        rows,
      },
    ],
  });
  return {
    title: `Solve: ${r.goal.text}`,
    meta: [
      `${s.file}${s.chain.length > 1 ? ` (extends ${s.chain.slice(1).join(' -> ')})` : ''} · case: ${r.case} · ${horizonText(s.horizon)} · ${millionsOf(s.currency)} · scoring basis: ${m.basis.id}`,
      `Varying ${f.path}`,
    ],
    highlights: [],
    sections,
    footer: [],
  };
}

/** A mechanism input as a short label: mechanisms[F-2].appropriations.US.amount -> F-2 appropriations.US. */
export function shortInput(path: string): string {
  return path.replace(/^mechanisms\[([^\]]+)\]\./, '$1 ').replace(/\.amount$/, '');
}

/** A failing test and how far it is from holding, in its unit (a floor: per year, and over the horizon). */
/** A goal as people say it: "Floor, US: budget, as published, on average"; other goals as written. */
export function goalLabel(goal: string, ref: MetricRef | undefined, basisLabel: string): string {
  if (ref?.kind !== 'floor') return goal;
  return `Floor, ${ref.gov}: ${floorReadingLabel(ref.reading, basisLabel)}, ${ref.field === 'met' ? 'on average' : 'in every year'}`;
}

function takeTitle(
  text: string,
  ref: MetricRef | undefined,
  gap: Dec | null,
  years: number,
  s: Scenario,
  basisLabel: string,
): string {
  const goal = goalLabel(text, ref, basisLabel);
  if (gap === null || ref === undefined) return goal;
  if (ref.kind === 'test') {
    // A target test's gap is in its own unit (a ratio's margin is not an amount).
    const t = s.targets.tests.find((x) => x.id === ref.id);
    if (t && testUnit(t.test) !== 'money') return M.solveTakeTitle(goal, metricText(gap.neg(), testUnit(t.test)));
  }
  if (ref.kind === 'floor' && ref.field === 'met')
    return M.solveTakeFloorTitle(goal, displayMillions(gap.neg()), years, displayMillions(gap.neg().times(years)));
  if (ref.kind === 'floor' && ref.field === 'everyYear') return M.solveTakeWorstYearTitle(goal, displayMillions(gap.neg()));
  return M.solveTakeTitle(goal, displayMillions(gap.neg()));
}

/** The "what it would take" tables (one per failing test), from the solver's data. */
export function takeSection(ev: Evaluation, tests: TakeTest[]): Section | undefined {
  if (!tests.length) return undefined;
  const s = ev.scenario;
  const blocks: Block[] = [{ kind: 'para', text: M.solveTakeIntro(ev.measure.basis.label) }];
  tests.forEach((t, i) => {
    const gap = t.state.gap;
    const rows: Row[] = t.rows.map((x) => ({
      cells: [
        text(shortInput(x.input.path), { json: ptr('tests', i, 'options', t.rows.indexOf(x), 'input'), jsonValue: x.input.path }),
        text(x.written || '-'),
        money(x.own),
        money(x.value),
        money(x.change),
        money(x.budgetCostAdded),
        text(x.method === 'exact' ? 'exact' : `bisection, within ${displayMillions(x.precision!, 'exact')}`),
      ],
    }));
    blocks.push({
      kind: 'table',
      id: `table-what-it-would-take-${i + 1}`,
      title: takeTitle(t.goal.text, t.goal.assertion.ref, gap, s.horizon.years, s, ev.measure.basis.label),
      // The goal's path (what `solve --goal` takes) in the HTML heading's tooltip.
      titleHint: t.goal.text,
      columns: [
        left('Input'),
        droppable(left('As written'), 2),
        right('Scenario'),
        right('Needed'),
        right('Change'),
        right('Budget cost added'),
        droppable(left('Method'), 1),
      ],
      rows,
      empty: M.solveTakeNone,
      notes: t.unreachable.length ? [M.solveTakeUnreachable(t.unreachable.map((f) => shortInput(f.path)).join(', '))] : [],
    });
  });
  const assumes = assumesText(s);
  if (assumes) blocks.push({ kind: 'para', text: assumes });
  return { id: 'what-it-would-take', title: 'What it would take', blocks };
}

/** The "what it would take" section for a run report: undefined when every floor and target test holds. */
export function whatItWouldTake(ev: Evaluation): Section | undefined {
  return takeSection(ev, whatItWouldTakeData(ev));
}

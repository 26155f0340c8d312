// What-if settings of the interactive report (`report --interactive`): the controls a
// scenario offers (each input it computes with, each gate, the scoring basis), a value
// typed into one read exactly and checked against its range, the scenario evaluated with
// the settings (the same exact engine as `run`), and the settings written as a scenario
// patch that `run` reproduces. Pure: it runs in the browser as in Node.
import { Dec, Exact } from '../core/money.js';
import { type Case, casePicker, compute, type Picker } from '../compute/engine.js';
import { testClaims } from '../measure/claims.js';
import type { Evaluation } from '../measure/evaluate.js';
import { Measure } from '../measure/measure.js';
import { planBases } from '../model/bases.js';
import type { Fig, Scenario } from '../model/scenario.js';
import { boundsOf } from '../solve/inputs.js';
import { figureText, scenarioPatch, segmentsOf } from '../solve/patch.js';
import { withFigures } from '../solve/substitute.js';
import { M } from '../core/messages.js';

/** One input a control sets: its value in the unit it is typed in (%, x, millions). */
export interface InputControl {
  path: string;
  /** The mechanism's label, or the section the input belongs to. */
  label: string;
  unit: 'rate' | 'ratio' | 'amount';
  /** What a typed number means: "%", "x", "USD millions". */
  unitText: string;
  /** Written as a range (low..high): the control is bounded by it. */
  ranged: boolean;
  /** The bounds a typed value must respect (the range, or the format's rules); hi unset: no ceiling. */
  lo: Dec;
  hi?: Dec;
  /** The value `run` uses for the case (the control's starting value). */
  start: Dec;
  /** The value of the base case: a patch writes the input when the setting differs from it. */
  base: Dec;
  source?: string;
}

export interface GateControl {
  key: string;
  label: string;
  words: [string, string];
  holds: boolean;
  outcome: string;
}

export interface Controls {
  inputs: InputControl[];
  gates: GateControl[];
  bases: { id: string; label: string }[];
  basis: string;
  /** The basis the file itself states (a patch writes the basis when the setting differs). */
  fileBasis: string;
}

/** What the controls are set to: input values by path (model units), gate outcomes by key, the basis. */
export interface Settings {
  values: Record<string, string>;
  gates: Record<string, boolean>;
  basis: string;
}

/**
 * The controls of a scenario: every input `run` computes with, once per path (not a claim's
 * tolerance, which changes no figure; not an event's probability, which only `simulate`
 * reads; not one share of a list that must add up), every gate whose outcome a file can
 * state, and the scoring bases.
 */
export function controlsOf(s: Scenario, c: Case, fileBasis: string): Controls {
  const seen = new Set<string>();
  const inputs: InputControl[] = [];
  for (const f of s.figures) {
    if (!f.unit || seen.has(f.path) || !usable(f.path)) continue;
    seen.add(f.path);
    inputs.push(inputControl(s, f, c));
  }
  // Ranged inputs first: they are what the file itself leaves open.
  inputs.sort((a, b) => Number(b.ranged) - Number(a.ranged));
  const gates = s.events
    .filter((e) => e.outcome !== undefined)
    .map((e) => ({ key: e.key, label: e.swing, words: e.words, holds: e.holds, outcome: e.outcome! }));
  return {
    inputs,
    gates,
    bases: planBases(s.governments, s.basis).map((b) => ({ id: b.id, label: b.label })),
    basis: s.basis,
    fileBasis,
  };
}

function usable(path: string): boolean {
  // Only what a patch can write back: a chain of keys and [id]s as the file has it.
  const written = segmentsOf(path) !== undefined && !/\s/.test(path);
  return written && !path.startsWith('claims[') && !/\[\d+\]$/.test(path) && !/\.probability$/.test(path);
}

function inputControl(s: Scenario, f: Fig, c: Case): InputControl {
  const { low, high } = f.value;
  const ranged = !low.eq(high);
  const bounds = boundsOf(f, f.value.base);
  const mech = /^mechanisms\[([^\]]+)\]/.exec(f.path)?.[1];
  const label = (mech && s.mechanisms.find((m) => m.id === mech)?.label) || f.path.split(/[.[]/)[0]!;
  return {
    path: f.path,
    label,
    unit: f.unit!,
    unitText: f.unit === 'rate' ? '%' : f.unit === 'ratio' ? 'x' : `${f.currency ?? s.currency} millions`,
    ranged,
    lo: ranged ? low : bounds.lo,
    hi: ranged ? high : bounds.hi,
    start: f.value[c],
    base: f.value.base,
    ...(f.source ? { source: f.source } : {}),
  };
}

const SCALE = { rate: Dec.of(100), ratio: Dec.ONE, amount: Dec.of(1_000_000) };

/** A model value as the control shows it: 0.05 -> "5" (%), 2500000000 -> "2500" (millions). */
export function shown(ctl: InputControl, v: Dec): string {
  return (ctl.unit === 'amount' ? v.div(SCALE.amount) : v.times(SCALE[ctl.unit])).toPlain(10);
}

/** The range a control accepts, as it is typed: "2000 to 3000 USD millions", "at least 0 x". */
export function rangeText(ctl: InputControl): string {
  const u = ctl.unit === 'amount' ? ` ${ctl.unitText}` : ctl.unitText;
  return ctl.hi === undefined
    ? M.whatifAtLeast(`${shown(ctl, ctl.lo)}${u}`)
    : M.whatifBetween(`${shown(ctl, ctl.lo)}${u}`, `${shown(ctl, ctl.hi)}${u}`);
}

export type Typed = { ok: true; value: Dec } | { ok: false; message: string };

/** A typed number read exactly (commas and the unit sign allowed), refused outside the control's range. */
export function readTyped(ctl: InputControl, raw: string): Typed {
  const t = raw
    .trim()
    .replace(/,/g, '')
    .replace(/\s*(%|x|M)$/i, '');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return { ok: false, message: M.whatifNotANumber(rangeText(ctl)) };
  const v = ctl.unit === 'amount' ? Dec.of(t).times(SCALE.amount) : Dec.of(t).div(SCALE[ctl.unit]);
  if (v.lt(ctl.lo) || (ctl.hi !== undefined && v.gt(ctl.hi))) return { ok: false, message: M.whatifOutOfRange(rangeText(ctl)) };
  return { ok: true, value: v };
}

/** The settings the file itself gives (every control at its starting value). */
export function fileSettings(k: Controls): Settings {
  return {
    values: Object.fromEntries(k.inputs.map((i) => [i.path, i.start.exact()])),
    gates: Object.fromEntries(k.gates.map((g) => [g.key, g.holds])),
    basis: k.basis,
  };
}

/** The scenario evaluated with the settings: `run` on the patch they write gives the same figures. */
export function evaluateSettings(s: Scenario, c: Case, st: Settings): Evaluation {
  const values = new Map(Object.entries(st.values).map(([p, v]) => [p, Dec.of(v)]));
  // The scenario's own figures and events carry the settings too, so the inputs table and the
  // "assumes as written" line show them.
  const scenario: Scenario = {
    ...(withFigures(s, values) as Scenario),
    basis: st.basis,
    events: s.events.map((e) => (e.key in st.gates ? { ...e, holds: st.gates[e.key]! } : e)),
  };
  const own = casePicker(Exact, c);
  const pick: Picker<Dec> = { fig: (f) => values.get(f.path) ?? own.fig(f), event: own.event };
  const ledger = compute(scenario, Exact, pick);
  const measure = new Measure(scenario, ledger);
  return { scenario, case: c, ledger, measure, claims: testClaims(measure) };
}

/** Whether the settings are the file's own (the static report then stands as written). */
export function sameSettings(a: Settings, b: Settings): boolean {
  const eq = (x: Record<string, unknown>, y: Record<string, unknown>) =>
    Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => x[k] === y[k]);
  return a.basis === b.basis && eq(a.values, b.values) && eq(a.gates, b.gates);
}

/**
 * The settings as a scenario patch that extends the file: every input whose value differs
 * from its base value (so `run PATCH`, on its base case, reproduces them), every gate set
 * otherwise than written, and the basis when it is not the file's.
 */
export function patchOf(s: Scenario, k: Controls, st: Settings, extendsPath: string): string {
  const figs = new Map(s.figures.map((f) => [f.path, f]));
  const changes: { path: string; value: string | boolean }[] = [];
  for (const i of k.inputs) {
    const v = Dec.of(st.values[i.path] ?? i.start.exact());
    if (!v.eq(i.base)) changes.push({ path: i.path, value: figureText(figs.get(i.path)!, v) });
  }
  for (const g of k.gates) {
    const h = st.gates[g.key] ?? g.holds;
    if (h !== g.holds) changes.push({ path: g.outcome, value: h });
  }
  if (st.basis !== k.fileBasis) changes.push({ path: 'scoring.basis', value: st.basis });
  const what = changes.length ? changes.map((x) => `${x.path} = ${String(x.value)}`).join('; ') : M.whatifNoChange;
  return scenarioPatch({
    extendsPath,
    name: M.whatifPatchName(s.name),
    description: M.whatifPatchDescription(what),
    changes,
    head: M.whatifPatchHead,
  });
}

// What a mechanism kind is: one module holding its schema (the YAML it accepts), its
// normalize step (written form -> typed form, with its own checks), its flows (what it
// books in the ledger, with the budget items each scoring basis reads), the events it
// declares (what simulate draws and sensitivity swings), its explanation, the settings
// diff lists as its inputs, and any check rules of its own. The registry lists the kinds.
import type { z } from 'zod';
import type { Diagnostic, Loc } from '../core/diagnostics.js';
import type { Dec } from '../core/money.js';
import type { FlowCtx } from '../kit/flows.js';
import type { FlowKind } from '../model/flows.js';
import type { MobilizationCategory } from '../model/metrics.js';
import type { Alloc, Fig, MechBase, Scenario } from '../model/scenario.js';
import type { Normalizer, Path } from '../kit/context.js';

/** The fields normalize fills in for every mechanism before the kind adds its own. */
export type BaseFields = Pick<MechBase, 'id' | 'label' | 'source' | 'loc' | 'path' | 'within'>;

/** A setting that is not a number (a window, a curve's name, an outcome as written), listed by diff. */
export interface Setting {
  path: string;
  value: string;
  source?: string;
  loc?: Loc;
}

/** A named assumption a mechanism's flows used, for explain. */
export interface Assumption {
  name: string;
  detail: string;
  source?: string;
}

export interface MechanismKind<M extends MechBase = MechBase, I = unknown> {
  kind: M['kind'];
  /** A title for docs and the JSON Schema, e.g. "Grant program". */
  title: string;
  /** What it models and how its budget cost is scored, for docs and editors. */
  description: string;
  /** The OECD DAC instrument category of the private finance it mobilizes. */
  mobilization: MobilizationCategory;
  /** The zod schema of the mechanism as written (a strict object with `kind` as a literal), built on first call. */
  schema: () => z.ZodType<I>;
  normalize(c: Normalizer, input: I, p: Path, base: BaseFields): M;
  /** Books the mechanism's flows (called only when its conditions hold). */
  flows<T>(m: M, f: FlowCtx<T>): void;
  /** How its flows of `kinds` are formed, in words (explain). */
  rule(m: M, kinds: FlowKind[]): string;
  /** Input figures that feed its flows of `kinds` for `gov` (undefined: all). */
  inputs(m: M, kinds: FlowKind[], gov?: string): Fig[];
  /** Named assumptions (profiles, curves, gates) its flows of `kinds` used. */
  assumptions(m: M, kinds: FlowKind[]): Assumption[];
  /** Its settings that are not figures, for diff's list of inputs. */
  settings(m: M, fy: (i: number) => string): Setting[];
  /**
   * What it takes from an envelope it is `within:` when that is not its amount (credit: its
   * subsidy cost), and the fix an overrun calls for; undefined: its amounts as booked.
   */
  envelopeDraw?: { what: string; fix: string };
  /** Check rules of its own (e.g. programs inside their envelope). */
  rules?(m: M, s: Scenario): Diagnostic[];
}

/** Identity with inference: a kind module exports `defineKind({...})`. */
export function defineKind<M extends MechBase, I>(k: MechanismKind<M, I>): MechanismKind<M, I> {
  return k;
}

/** Figures of an allocation (one, or one per year written). */
export function allocFigs(a: Alloc): Fig[] {
  return a.mode === 'byYear' ? a.byYear.filter((f): f is Fig => f !== undefined) : [a.fig];
}

/** Each figure once, by path. */
export function uniqueFigs(figs: Fig[]): Fig[] {
  const seen = new Set<string>();
  return figs.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

export const pct = (d: Dec) => `${d.times(100).toPlain(2)}%`;

/** "in total, FY2027-FY2036" / "per year, ..." / "by year: ...": an allocation's window, for diffs. */
export function windowText(al: Alloc, fy: (i: number) => string): string {
  if (al.mode === 'byYear') return `by year: ${al.byYear.flatMap((f, i) => (f ? [fy(i)] : [])).join(', ') || 'none'}`;
  const first = al.mask.indexOf(true);
  const last = al.mask.lastIndexOf(true);
  return `${al.mode === 'year' ? 'per year' : 'in total'}, ${first < 0 ? 'no years' : first === last ? fy(first) : `${fy(first)}-${fy(last)}`}`;
}

export function allocSettings(p: string, list: Alloc[], fy: (i: number) => string): Setting[] {
  return list.map((al) => ({ path: `${p}.${al.gov}`, value: windowText(al, fy), source: al.source, loc: al.loc }));
}

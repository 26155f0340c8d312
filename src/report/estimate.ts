// The figures of a cost estimate as a budget office publishes one (docs/guide/estimate.md):
// one sponsor's budget at a time (two sovereigns are never summed), direct spending apart
// from spending subject to appropriation, offsetting receipts on their own line, by year
// of the horizon plus what falls after it, incremental to a stated current law. The
// report sections (estimate-report.ts) and JSON/CSV (render/estimate.ts) read only this.
import { Dec, Exact } from '../core/money.js';
import { compute } from '../compute/engine.js';
import type { Picker } from '../kit/flows.js';
import type { Ledger } from '../kit/ledger.js';
import type { Evaluation } from '../measure/evaluate.js';
import type { Basis } from '../model/bases.js';
import { type Event, type Scenario, yearName } from '../model/scenario.js';
import { assumedLine } from './assumed.js';
import type { SponsorBooks } from './sponsor-books.js';

/** Amounts by year of the horizon, then one bucket for everything after it (length N + 1). */
export type Series = Dec[];

export interface MechLine {
  id: string;
  label: string;
  /** Direct spending (true) or spending subject to appropriation. */
  direct: boolean;
  authority: Series;
  outlays: Series;
}

export interface SponsorEstimate {
  gov: string;
  name: string;
  direct: { authority: Series; outlays: Series; receipts: Series };
  discretionary: { authority: Series; outlays: Series };
  /** Administrative costs (scoring.administrativeCosts), authorized and outlaid in the same year. */
  administrative: Series;
  /** Change in revenues: revenue forgone to tax credits, as a decrease (negative), in the year claimed. */
  revenues: Series;
  mechs: MechLine[];
}

export interface EstimateData {
  scenario: Scenario;
  case: Evaluation['case'];
  basis: Basis;
  /** Every sponsor as drafted (gates as written), incremental to the baseline. */
  sponsors: SponsorEstimate[];
  /** The same at the expected value of the gates; null when the plan has too many gates to enumerate. */
  expected: SponsorEstimate[] | null;
  /** What the increment is measured against. */
  /** `assumed`: the baseline scenario's own assumed figures in a line, when it has any. */
  baseline: { kind: 'currentLaw' } | { kind: 'scenario'; name: string; file: string; assumed?: string };
}

/** More gates than this are not enumerated (2^n ledgers); simulate samples them instead. */
export const MAX_ENUMERATED_GATES = 8;

const zeros = (n: number): Series => Array.from({ length: n }, () => Dec.ZERO);
const addTo = (xs: Series, i: number, v: Dec): void => {
  xs[i] = xs[i]!.plus(v);
};

/**
 * Each sponsor's estimate from one ledger on a basis (one for all, or one per government). With `currentLaw`, the plan's own
 * `currentLaw:` shares come out: budget authority less the current-law amount of its year,
 * outlays scaled by the mechanism's current-law share (its outlays follow its authority).
 */
export function sponsorEstimates(
  s: Scenario,
  ledger: Ledger<Dec>,
  basis: number | ((gov: string) => number),
  currentLaw: boolean,
): SponsorEstimate[] {
  const N = s.horizon.years;
  return s.governments.map((gov, g) => {
    // Each sponsor is scored on its own basis when one is given per government (its budget's own concepts).
    const b = typeof basis === 'number' ? basis : basis(gov.code);
    const out: SponsorEstimate = {
      gov: gov.code,
      name: gov.name,
      direct: { authority: zeros(N + 1), outlays: zeros(N + 1), receipts: zeros(N + 1) },
      discretionary: { authority: zeros(N + 1), outlays: zeros(N + 1) },
      administrative: administrative(s, gov.code),
      revenues: zeros(N + 1),
      mechs: [],
    };
    s.mechanisms.forEach((mech, m) => {
      const keep = currentLaw ? keptShare(ledger, m, g, N) : Dec.ONE;
      const lines = [true, false].map((direct): MechLine => ({
        id: mech.id,
        label: mech.label,
        direct,
        authority: zeros(N + 1),
        outlays: zeros(N + 1),
      }));
      for (let y = 0; y <= N; y++) {
        for (const [flow, key] of [
          ['budgetCost', 'authority'],
          ['outlay', 'outlays'],
        ] as const) {
          const all = ledger.get(m, g, flow, y, b).times(keep);
          const dir = ledger.direct(m, g, flow, y, b).times(keep);
          addTo(lines[0]![key], y, dir);
          addTo(lines[1]![key], y, all.minus(dir));
          addTo(out.direct[key], y, dir);
          addTo(out.discretionary[key], y, all.minus(dir));
        }
        addTo(out.direct.receipts, y, ledger.get(m, g, 'receipt', y, b));
        addTo(out.revenues, y, ledger.get(m, g, 'revenueLoss', y).neg().times(keep));
      }
      for (const l of lines) if ([...l.authority, ...l.outlays].some((v) => !v.isZero())) out.mechs.push(l);
    });
    return out;
  });
}

/** The share of a mechanism's money current law does not already provide (1 - currentLaw / commitment). */
function keptShare(ledger: Ledger<Dec>, m: number, g: number, N: number): Dec {
  let law = Dec.ZERO;
  let committed = Dec.ZERO;
  for (let y = 0; y <= N; y++) {
    law = law.plus(ledger.get(m, g, 'currentLaw', y));
    committed = committed.plus(ledger.get(m, g, 'commitment', y));
  }
  return law.isZero() || committed.isZero() ? Dec.ONE : Dec.ONE.minus(law.div(committed));
}

function administrative(s: Scenario, gov: string): Series {
  const N = s.horizon.years;
  const out = zeros(N + 1);
  const start = s.enacted?.index ?? 0;
  for (const a of s.administrativeCosts ?? [])
    if (a.gov === gov) for (let y = start; y < N; y++) out[y] = out[y]!.plus(a.fig.value.base);
  return out;
}

/** a - b, line by line (the same governments; mechanisms matched by id and category). */
export function subtractEstimates(a: SponsorEstimate[], b: SponsorEstimate[]): SponsorEstimate[] {
  const minus = (x: Series, y: Series | undefined): Series => x.map((v, i) => v.minus(y?.[i] ?? Dec.ZERO));
  return a.map((sa) => {
    const sb = b.find((x) => x.gov === sa.gov);
    const mechs: MechLine[] = sa.mechs.map((l) => {
      const o = sb?.mechs.find((x) => x.id === l.id && x.direct === l.direct);
      return { ...l, authority: minus(l.authority, o?.authority), outlays: minus(l.outlays, o?.outlays) };
    });
    // A mechanism only the baseline has: all of it comes off.
    for (const o of sb?.mechs ?? [])
      if (!sa.mechs.some((l) => l.id === o.id && l.direct === o.direct))
        mechs.push({
          ...o,
          authority: minus(zeros(o.authority.length), o.authority),
          outlays: minus(zeros(o.outlays.length), o.outlays),
        });
    return {
      ...sa,
      direct: {
        authority: minus(sa.direct.authority, sb?.direct.authority),
        outlays: minus(sa.direct.outlays, sb?.direct.outlays),
        receipts: minus(sa.direct.receipts, sb?.direct.receipts),
      },
      discretionary: {
        authority: minus(sa.discretionary.authority, sb?.discretionary.authority),
        outlays: minus(sa.discretionary.outlays, sb?.discretionary.outlays),
      },
      administrative: minus(sa.administrative, sb?.administrative),
      revenues: minus(sa.revenues, sb?.revenues),
      mechs: mechs.filter((l) => [...l.authority, ...l.outlays].some((v) => !v.isZero())),
    };
  });
}

/** The differences that make an increment meaningless, each as [what, this plan's, the baseline's]. */
export function baselineMismatch(a: Scenario, b: Scenario): [string, string, string][] {
  const out: [string, string, string][] = [];
  const h = (s: Scenario) => `${yearName(s.horizon, 0)}, ${s.horizon.years} years`;
  if (a.horizon.start !== b.horizon.start || a.horizon.years !== b.horizon.years) out.push(['horizon', h(a), h(b)]);
  const govs = (s: Scenario) =>
    s.governments
      .map((g) => g.code)
      .sort()
      .join(', ');
  if (govs(a) !== govs(b)) out.push(['set of governments', govs(a), govs(b)]);
  return out;
}

/** Sponsor estimates weighted over every pattern of gate outcomes by the gates' probabilities (independent). */
function expectedEstimates(ev: Evaluation, b: number, currentLaw: boolean): SponsorEstimate[] | null {
  const s = ev.scenario;
  const gates = s.events.filter((e) => e.probability !== undefined);
  if (gates.length > MAX_ENUMERATED_GATES) return null;
  let acc: SponsorEstimate[] | null = null;
  for (let pattern = 0; pattern < 1 << gates.length; pattern++) {
    const outcome = new Map(gates.map((e, i) => [e.key, (pattern & (1 << i)) !== 0]));
    let weight = Dec.ONE;
    gates.forEach((e) => {
      const p = e.probability!.value.base;
      weight = weight.times(outcome.get(e.key) ? p : Dec.ONE.minus(p));
    });
    if (weight.isZero()) continue;
    const pick: Picker<Dec> = {
      fig: (f) => f.value[ev.case],
      event: (e: Event) => outcome.get(e.key) ?? e.holds,
    };
    const one = scaleEstimates(sponsorEstimates(s, compute(s, Exact, pick), b, currentLaw), weight);
    acc = acc === null ? one : subtractEstimates(acc, scaleEstimates(one, Dec.ONE.neg()));
  }
  return acc;
}

/** Every amount of each estimate times k (a gate pattern's weight, an exchange rate). */
/** A sponsor's estimate in its own currency (every amount times the rate's base value; exact), or as is. */
export function inOwnCurrency(sp: SponsorEstimate, b: SponsorBooks): SponsorEstimate {
  return b.rate ? scaleEstimates([sp], b.rate.value)[0]! : sp;
}

export function scaleEstimates(xs: SponsorEstimate[], k: Dec): SponsorEstimate[] {
  const t = (x: Series) => x.map((v) => v.times(k));
  return xs.map((x) => ({
    ...x,
    direct: { authority: t(x.direct.authority), outlays: t(x.direct.outlays), receipts: t(x.direct.receipts) },
    discretionary: { authority: t(x.discretionary.authority), outlays: t(x.discretionary.outlays) },
    administrative: t(x.administrative),
    revenues: t(x.revenues),
    mechs: x.mechs.map((l) => ({ ...l, authority: t(l.authority), outlays: t(l.outlays) })),
  }));
}

/**
 * The estimate of a plan, incremental to `against` when given (evaluated on the plan's
 * basis), else to the plan's own `currentLaw:` items.
 */
export function estimateData(ev: Evaluation, against?: Evaluation): EstimateData {
  const b = ev.measure.basisIndex;
  const s = ev.scenario;
  const own = against === undefined;
  let sponsors = sponsorEstimates(s, ev.ledger, b, own);
  let expected = expectedEstimates(ev, b, own);
  if (against) {
    sponsors = subtractEstimates(sponsors, sponsorEstimates(against.scenario, against.ledger, b, false));
    const e = expectedEstimates(against, b, false);
    expected = expected === null || e === null ? null : subtractEstimates(expected, e);
  }
  return {
    scenario: s,
    case: ev.case,
    basis: ev.measure.basis,
    sponsors,
    expected,
    baseline: against
      ? {
          kind: 'scenario',
          name: against.scenario.name,
          file: against.scenario.file,
          assumed: assumedLine(against.scenario, "the baseline scenario's author"),
        }
      : { kind: 'currentLaw' },
  };
}

/** Sum of a series over year indices a..b (inclusive). */
export function sumOf(xs: Series, [a, b]: [number, number]): Dec {
  let t = Dec.ZERO;
  for (let y = a; y <= b; y++) t = t.plus(xs[y]!);
  return t;
}

// The financing engine: lays every mechanism's flows into one ledger. Written once
// against Arith<T>, so it runs exact (Dec, for reports) or fast (float64, for sampling);
// a Picker decides each figure's value (a case of its range, or a random draw).
import type { Arith, Dec } from '../core/money.js';
import type {
  Alloc,
  Commit,
  CreditMech,
  EquityMech,
  Fig,
  GatedMech,
  GrantMech,
  LpMech,
  Mech,
  Scenario,
  Wave,
} from '../normalize/types.js';
import { Ledger, type FlowKind } from './ledger.js';

export type Case = 'low' | 'base' | 'high';

/** Chooses the value of each uncertain input for one evaluation. */
export interface Picker<T> {
  fig(f: Fig): T;
  /** Does this LP wave's gate hold? */
  gate(mech: LpMech, wave: Wave): boolean;
  /** Does this project's feasibility study pass? */
  study(mech: GatedMech): boolean;
}

export function casePicker<T>(A: Arith<T>, c: Case): Picker<T> {
  return {
    fig: (f) => A.lift(f.value[c]),
    gate: (_m, w) => w.gate?.holds ?? true,
    study: (m) => m.study.passes,
  };
}

export function compute<T>(s: Scenario, A: Arith<T>, pick: Picker<T>): Ledger<T> {
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const ledger = new Ledger(
    A,
    N,
    govs,
    s.mechanisms.map((m) => m.id),
  );
  const studies = new Map<string, boolean>();
  for (const m of s.mechanisms) if (m.kind === 'gated-project') studies.set(m.id, pick.study(m));
  const ctx: Ctx<T> = { A, N, pick, ledger, gi: (g) => govs.indexOf(g) };
  s.mechanisms.forEach((m, mi) => {
    // A fallback runs only when the project it backs fails its study.
    if (m.fallbackOf !== undefined && studies.get(m.fallbackOf) !== false) return;
    run(m, mi, ctx, studies);
  });
  return ledger;
}

/** Whether a mechanism produces flows in `run` (gated projects and fallbacks follow the study as written). */
export function isActive(s: Scenario, m: Mech): boolean {
  const ownStudy = m.kind === 'gated-project' ? m.study.passes : true;
  if (m.fallbackOf === undefined) return ownStudy;
  // A fallback (itself perhaps a gated project) runs only when the project it backs fails.
  const p = s.mechanisms.find((x) => x.id === m.fallbackOf);
  return (p?.kind === 'gated-project' ? !p.study.passes : true) && ownStudy;
}

interface Ctx<T> {
  A: Arith<T>;
  N: number;
  pick: Picker<T>;
  ledger: Ledger<T>;
  gi(code: string): number;
}

function run<T>(m: Mech, mi: number, c: Ctx<T>, studies: Map<string, boolean>): void {
  switch (m.kind) {
    case 'grant-program':
      return grant(m, mi, c);
    case 'equity-vehicle':
      return equity(m, mi, c);
    case 'credit-facility':
      return credit(m, mi, c);
    case 'lp-fund-waves':
      return lpWaves(m, mi, c);
    case 'gated-project':
      if (studies.get(m.id)) gated(m, mi, c);
      return;
  }
}

/** An allocation's amount in each year of the horizon. A total is split so the parts add back exactly. */
export function yearly<T>(a: Alloc, c: Ctx<T> | { A: Arith<T>; N: number; pick: Picker<T> }): T[] {
  const { A, N, pick } = c;
  const out = new Array<T>(N).fill(A.zero);
  if (a.mode === 'byYear') {
    a.byYear.forEach((f, y) => {
      if (f) out[y] = pick.fig(f);
    });
    return out;
  }
  const v = pick.fig(a.fig);
  if (a.mode === 'year') {
    for (let y = 0; y < N; y++) if (a.mask[y]) out[y] = v;
    return out;
  }
  return splitEvenly(
    A,
    v,
    a.mask.map((x) => (x ? 1 : 0)),
    out,
  );
}

/** Splits `v` over weights (small integers); the last weighted slot takes the remainder. */
export function splitEvenly<T>(A: Arith<T>, v: T, weights: number[], out: T[] = new Array<T>(weights.length).fill(A.zero)): T[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total === 0) return out;
  const last = weights.reduce((l, w, i) => (w > 0 ? i : l), -1);
  let given = A.zero;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    const part = i === last ? A.sub(v, given) : A.div(A.mul(v, A.int(weights[i]!)), A.int(total));
    out[i] = part;
    given = A.add(given, part);
  }
  return out;
}

/** Books `amounts[y] * shares[j]` in year y + j (a spend-out or disbursement profile). */
function spread<T>(c: Ctx<T>, mi: number, g: number, kind: FlowKind, amounts: T[], shares: Dec[]): void {
  const { A, ledger } = c;
  const s = shares.map((x) => A.lift(x));
  amounts.forEach((a, y) => {
    if (A.isZero(a)) return;
    // The last share takes the remainder so each year's amount is paid out exactly once.
    let paid = A.zero;
    s.forEach((share, j) => {
      const part = j === s.length - 1 ? A.sub(a, paid) : A.mul(a, share);
      paid = A.add(paid, part);
      ledger.add(mi, g, kind, y + j, part);
    });
  });
}

function book<T>(c: Ctx<T>, mi: number, g: number, kind: FlowKind, amounts: T[]): void {
  amounts.forEach((a, y) => c.ledger.add(mi, g, kind, y, a));
}

function scale<T>(A: Arith<T>, xs: T[], k: T): T[] {
  return xs.map((x) => A.mul(x, k));
}

function grant<T>(m: GrantMech, mi: number, c: Ctx<T>): void {
  const { A } = c;
  for (const alloc of m.appropriations) {
    const g = c.gi(alloc.gov);
    const a = yearly(alloc, c);
    book(c, mi, g, 'commitment', a);
    if (m.budget === 'appropriated') {
      book(c, mi, g, 'budgetCost', a);
      spread(c, mi, g, 'outlay', a, m.spendOut.shares);
    }
    spread(c, mi, g, 'deployed', a, m.spendOut.shares);
    // Follow-on private funding: programs at their own ratio, the rest of the envelope at the mechanism's.
    let rest = a;
    for (const p of m.programs) {
      const pa = p.amounts.find((x) => x.gov === alloc.gov);
      if (!pa) continue;
      const amounts = yearly(pa, c);
      book(c, mi, g, 'followOn', scale(A, amounts, c.pick.fig(p.followOn)));
      rest = rest.map((r, y) => A.sub(r, amounts[y]!));
    }
    const ratio = c.pick.fig(m.followOn);
    book(
      c,
      mi,
      g,
      'followOn',
      rest.map((r) => A.mul(A.max(r, A.zero), ratio)),
    );
  }
}

function equity<T>(m: EquityMech, mi: number, c: Ctx<T>): void {
  const { A } = c;
  for (const alloc of m.investments) {
    const g = c.gi(alloc.gov);
    const inv = yearly(alloc, c);
    book(c, mi, g, 'commitment', inv);
    book(c, mi, g, 'deployed', inv);
    if (m.budget === 'appropriated') {
      book(c, mi, g, 'budgetCost', inv);
      book(c, mi, g, 'outlay', inv);
    }
    book(c, mi, g, 'private', scale(A, inv, c.pick.fig(m.coInvest)));
    const d = m.distributions;
    if (!d) continue;
    // Each year's investment returns `multiple` times itself, evenly over `over` years after `lag`.
    const multiple = c.pick.fig(d.multiple);
    inv.forEach((x, y) => {
      if (A.isZero(x)) return;
      const parts = splitEvenly(A, A.mul(x, multiple), new Array<number>(d.over).fill(1));
      parts.forEach((p, j) => c.ledger.add(mi, g, 'distribution', y + d.lag + j, p));
    });
  }
}

function credit<T>(m: CreditMech, mi: number, c: Ctx<T>): void {
  const { A } = c;
  const rate = c.pick.fig(m.subsidyRate);
  const coFinance = c.pick.fig(m.coFinance);
  for (const alloc of m.obligations) {
    const g = c.gi(alloc.gov);
    const face = yearly(alloc, c);
    book(c, mi, g, 'commitment', face);
    // Federal credit reform: the subsidy cost is recorded when the loan is obligated;
    // it is outlaid as the loan disburses.
    if (m.budget === 'appropriated') {
      book(c, mi, g, 'budgetCost', scale(A, face, rate));
      spread(c, mi, g, 'outlay', scale(A, face, rate), m.disbursement.shares);
    }
    spread(c, mi, g, 'deployed', face, m.disbursement.shares);
    book(c, mi, g, 'private', scale(A, face, coFinance));
  }
  for (const match of m.match) {
    const g = c.gi(match.alloc.gov);
    const amt = yearly(match.alloc, c);
    book(c, mi, g, 'commitment', amt);
    if (match.budget === 'appropriated') {
      book(c, mi, g, 'budgetCost', amt);
      spread(c, mi, g, 'outlay', amt, m.disbursement.shares);
    }
    spread(c, mi, g, 'deployed', amt, m.disbursement.shares);
  }
}

function lpWaves<T>(m: LpMech, mi: number, c: Ctx<T>): void {
  const { A } = c;
  const dd = m.drawdown;
  const rates = dd.rates.map((r) => A.lift(r));
  const growth = A.add(A.one, c.pick.fig(dd.growth));
  const life = A.int(dd.life);
  const bow = A.lift(dd.bow);
  // Takahashi-Alexander: calls = RC(age) x uncalled; distributions = RD(age) x grown NAV,
  // RD = (age / life)^bow, until the fund's life ends and the NAV is paid out. The model is
  // linear in the commitment, so the curves are worked out once for $1 and scaled.
  const callPerDollar: T[] = [];
  const distPerDollar: T[] = [];
  let paid = A.zero;
  let nav = A.zero;
  for (let age = 0; age <= dd.life; age++) {
    const call = age < dd.life ? A.mul(rates[Math.min(age, rates.length - 1)]!, A.sub(A.one, paid)) : A.zero;
    paid = A.add(paid, call);
    const grown = A.mul(nav, growth);
    const rd = age === 0 ? A.zero : A.min(A.one, A.pow(A.div(A.int(age), life), bow));
    const dist = A.mul(rd, grown);
    nav = A.add(A.sub(grown, dist), call);
    callPerDollar.push(call);
    distPerDollar.push(dist);
  }
  for (const w of m.waves) {
    if (!c.pick.gate(m, w)) continue;
    const crowd = c.pick.fig(w.crowdIn);
    for (const cm of w.commits) {
      const g = c.gi(cm.gov);
      const C = c.pick.fig(cm.fig);
      c.ledger.add(mi, g, 'commitment', w.year, C);
      if (m.budget === 'appropriated') c.ledger.add(mi, g, 'budgetCost', w.year, C);
      c.ledger.add(mi, g, 'private', w.year, A.mul(C, crowd));
      for (let age = 0; age <= dd.life; age++) {
        const call = A.mul(C, callPerDollar[age]!);
        c.ledger.add(mi, g, 'deployed', w.year + age, call);
        if (m.budget === 'appropriated') c.ledger.add(mi, g, 'outlay', w.year + age, call);
        c.ledger.add(mi, g, 'distribution', w.year + age, A.mul(C, distPerDollar[age]!));
      }
    }
  }
}

/** Months of the commitment window that fall in each fiscal year (the last slot: after the horizon). */
export function windowWeights(m: GatedMech, N: number): number[] {
  const from = m.study.startMonth + m.study.months;
  const to = from + m.windowMonths;
  const w = new Array<number>(N + 1).fill(0);
  for (let y = 0; y <= N; y++) {
    const a = y * 12,
      b = y === N ? Infinity : a + 12;
    w[y] = Math.max(0, Math.min(b, to) - Math.max(a, from));
  }
  return w;
}

function gated<T>(m: GatedMech, mi: number, c: Ctx<T>): void {
  const { A, N } = c;
  const weights = windowWeights(m, N);
  const coFinance = c.pick.fig(m.coFinance);
  for (const cm of m.commits as Commit[]) {
    const g = c.gi(cm.gov);
    const amt = splitEvenly(A, c.pick.fig(cm.fig), weights);
    book(c, mi, g, 'commitment', amt);
    if (m.budget === 'appropriated') {
      book(c, mi, g, 'budgetCost', amt);
      spread(c, mi, g, 'outlay', amt, m.spendOut.shares);
    }
    spread(c, mi, g, 'deployed', amt, m.spendOut.shares);
    book(c, mi, g, 'private', scale(A, amt, coFinance));
  }
}

// What every part of normalize shares, and what each mechanism kind's normalize step is
// given: positions and names of the written scenario, the horizon and governments, named
// curves and defaults, and turning validated figures, years, allocations and curves into
// their typed form, reporting problems as diagnostics at the user's text.
import { parseYear } from '../core/amount.js';
import { type Diagnostics, didYouMean, type Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec, sum } from '../core/money.js';
import type { Alloc, Curve, Drawdown, Fig, FiscalYear, Profile, Sponsor } from '../model/scenario.js';
import { monthName } from '../model/fiscal.js';
import { DEFAULT_CURRENCY } from '../core/currency.js';
import { BASES_BY_TYPE, SPONSOR_BASES, type SponsorBasis, type SponsorType } from '../model/bases.js';
import { describePath } from '../read/describe.js';
import { locate, type LMap } from '../read/tree.js';
import type { AllocationInput, CommitInput, DrawdownInput, ParsedFigure, ProfileInput } from './figures.js';
import type { AssumptionsInput } from './assumptions.js';
import type { FiscalYearInput } from './fiscal.js';

/** A validated fiscal year as the typed scenario keeps it (its note is for readers only). */
const fiscalYearOf = (f: FiscalYearInput): FiscalYear => ({
  starts: f.starts,
  ...(f.source !== undefined ? { source: f.source } : {}),
});

/** What the context reads of the scenario as written. */
export interface ContextInput {
  horizon: { start: number | string; years: number };
  governments?: SponsorsInput;
  sponsors?: SponsorsInput;
  currency?: string;
  exchangeRates?: Record<string, ParsedFigure>;
  assumptions?: AssumptionsInput;
  fiscalYear?: FiscalYearInput;
}

export type Path = (string | number)[];

type SponsorInput = {
  name?: string;
  currency?: string;
  type?: SponsorType;
  basis?: string;
  fiscalYear?: FiscalYearInput;
};
type SponsorsInput = string[] | Record<string, SponsorInput>;

/** Named curves available to every scenario without declaring them. */
export const BUILTIN_PROFILES: Record<string, { shares: string[]; source: string }> = {
  immediate: { shares: ['1'], source: 'built-in: paid out in full the year it is committed' },
};
export const BUILTIN_DRAWDOWNS: Record<string, { rates: string[]; growth: string; bow: number; life: number; source: string }> = {
  'takahashi-alexander': {
    rates: ['0.25', '0.3333', '0.5'],
    growth: '0.10',
    bow: 2.5,
    life: 12,
    source:
      'built-in: Takahashi & Alexander (2002), illustrative venture parameters (RC 25%/33%/50%, bow 2.5, life 12, growth 10%)',
  },
};

export type RatioDefault = 'crowdIn' | 'followOn' | 'coInvest' | 'coFinance';

/**
 * What the scenarios of one context (the very nodes of every key the Normalizer reads:
 * normalize.ts) share within one command: the default ratios, one object each whoever asks
 * first, and what the constructor read, when it read it without a diagnostic.
 */
export interface SharedContext {
  defaults: Map<string, Fig>;
  kept?: {
    horizon: [boolean, boolean, FiscalYear | undefined, number, number, number];
    plan: [string, 'sponsors' | 'governments', Sponsor[], string[], AssumptionsInput];
    curves: [Map<string, Profile>, Map<string, Drawdown>];
    defaults: [Profile, Profile, Drawdown, Fig | undefined];
    exchangeRates: { currency: string; fig: Fig }[];
    figures: Fig[];
    curveList: Curve[];
  };
}

/** What reading a part added to the figures: a figure read, or a default ratio asked for (Normalizer.log). */
export type FigureOp = Fig | RatioDefault;

export class Normalizer {
  /** Every figure read, in reading order (diffs and explain list inputs from here). */
  readonly figures: Fig[] = [];
  readonly curves: Curve[] = [];
  readonly start: number;
  /** horizon.start is a usable year (else every year is reported once, at horizon.start). */
  private readonly startOk: boolean;
  /** The plan's years are calendar years (CY), not fiscal years (FY). */
  readonly calendar: boolean;
  /** An allocation's examples in the plan's own years. */
  get allocationHint(): string {
    return this.startOk ? M.allocationHint(this.prefix, this.start, this.end) : M.allocationHint();
  }
  /** The plan's year prefix for messages (FY or CY). */
  get prefix(): 'FY' | 'CY' {
    return this.calendar ? 'CY' : 'FY';
  }
  /** The month the plan's years start in, when the file states it. */
  readonly fiscalYear?: FiscalYear;
  readonly years: number;
  readonly end: number;
  readonly governments: Sponsor[];
  /** Where the sponsors are written: `sponsors`, or `governments` by its older name. */
  readonly sponsorsKey: 'sponsors' | 'governments';
  readonly govCodes: string[];
  readonly currency: string;
  readonly exchangeRates: { currency: string; fig: Fig }[] = [];
  readonly assumptions: AssumptionsInput;
  private readonly profiles = new Map<string, Profile>();
  private readonly drawdowns = new Map<string, Drawdown>();
  private readonly defaults = new Map<string, Fig>();
  readonly defSpendOut: Profile;
  readonly defDisbursement: Profile;
  readonly defDrawdown: Drawdown;
  readonly defSubsidy?: Fig;
  /** When set, every figure read and default ratio asked for, in order (a mechanism's part, to be replayed). */
  log: FigureOp[] | undefined;

  constructor(
    private readonly input: ContextInput,
    private readonly tree: LMap,
    readonly diags: Diagnostics,
    /** The files read, the scenario's own first, then what it extends, in order. */
    private readonly chain: string[] = [],
    /** What the scenarios of one context share (normalize's reuse; see SharedContext). */
    private readonly shared?: SharedContext,
  ) {
    const kept = shared?.kept;
    if (kept) {
      [this.startOk, this.calendar, this.fiscalYear, this.start, this.years, this.end] = kept.horizon;
      [this.currency, this.sponsorsKey, this.governments, this.govCodes, this.assumptions] = kept.plan;
      [this.profiles, this.drawdowns] = kept.curves;
      [this.defSpendOut, this.defDisbursement, this.defDrawdown, this.defSubsidy] = kept.defaults;
      this.exchangeRates.push(...kept.exchangeRates);
      this.figures.push(...kept.figures);
      this.curves.push(...kept.curveList);
      return;
    }
    const before = diags.items.length;
    // --- horizon
    const startYear = parseYear(input.horizon.start, 0, 0);
    if (!startYear.ok || startYear.value < 1900)
      diags.error('invalid-year', M.horizonStart, this.at(['horizon', 'start']), M.horizonStartHint);
    this.startOk = startYear.ok && startYear.value >= 1900;
    // A start written CY2015 makes the plan's years calendar years, labelled CY everywhere.
    this.calendar = typeof input.horizon.start === 'string' && /^\s*CY/i.test(input.horizon.start);
    this.start = startYear.ok ? startYear.value : 2000;
    this.years = input.horizon.years;
    this.end = this.start + this.years - 1;
    this.fiscalYear = this.planFiscalYear(input.fiscalYear);

    // --- currency: the plan's, and the stated rates of the others
    this.currency = input.currency ?? DEFAULT_CURRENCY;
    for (const [code, raw] of Object.entries(input.exchangeRates ?? {})) {
      const p: Path = ['exchangeRates', code];
      if (code === this.currency) {
        diags.error('invalid-exchange-rate', M.rateOfPlanCurrency(code), this.at(p, true), M.rateOfPlanCurrencyHint);
        continue;
      }
      const fig = this.fig(raw, p);
      if (!fig.value.low.gt(Dec.ZERO))
        diags.error('invalid-exchange-rate', M.rateNotPositive(code), fig.loc, M.rateNotPositiveHint(code, this.currency));
      else this.exchangeRates.push({ currency: code, fig });
    }

    // --- sponsors (`governments:` is the same list by its older name)
    const key = (this.sponsorsKey = input.sponsors !== undefined ? 'sponsors' : 'governments');
    if (input.sponsors !== undefined && input.governments !== undefined)
      diags.error('duplicate-key', M.sponsorsTwice, this.at(['governments'], true), M.sponsorsTwiceHint);
    if (input.sponsors === undefined && input.governments === undefined)
      diags.error('missing-key', M.missingKey('sponsors', ''), this.at([]), M.sponsorsMissingHint);
    const list = input.sponsors ?? input.governments ?? [];
    this.governments = Array.isArray(list)
      ? list.map((code) => ({ code, name: code }))
      : Object.entries(list).map(([code, g]) => this.sponsor(code, g, [key, code]));
    for (const g of this.governments) if (g.currency !== undefined) this.rateFor(g.currency, [key, g.code, 'currency']);
    const codes = this.governments.map((g) => g.code);
    this.govCodes = codes;
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice !== undefined) diags.error('duplicate-id', M.duplicateId('government', twice), this.at([key]), M.duplicateIdHint);

    // --- named curves and defaults
    const A = (this.assumptions = input.assumptions ?? {});
    for (const [name, b] of Object.entries(BUILTIN_PROFILES))
      this.profiles.set(name, { name, shares: b.shares.map((s) => Dec.of(s)), source: b.source });
    for (const [name, pr] of Object.entries(A.profiles ?? {})) {
      this.profiles.set(name, this.profileObj(name, pr, ['assumptions', 'profiles', name]));
      this.curves.push({ name, kind: 'profile', source: pr.source });
    }
    for (const [name, b] of Object.entries(BUILTIN_DRAWDOWNS)) {
      const g: Fig = {
        value: { low: Dec.of(b.growth), base: Dec.of(b.growth), high: Dec.of(b.growth) },
        source: b.source,
        loc: this.at(['assumptions']),
        path: `drawdown ${name}.growth`,
      };
      this.drawdowns.set(name, {
        name,
        rates: b.rates.map((r) => Dec.of(r)),
        bow: Dec.of(b.bow),
        life: b.life,
        source: b.source,
        growth: g,
      });
    }
    for (const [name, d] of Object.entries(A.drawdowns ?? {})) {
      this.drawdowns.set(name, this.drawdownObj(name, d, ['assumptions', 'drawdowns', name]));
      this.curves.push({ name, kind: 'drawdown', source: d.source });
    }
    const immediate = this.profiles.get('immediate')!;
    this.defSpendOut = this.profile(A.spendOut, ['assumptions', 'spendOut'], immediate);
    this.defDisbursement = this.profile(A.disbursement, ['assumptions', 'disbursement'], immediate);
    this.defDrawdown = this.drawdown(A.drawdown, ['assumptions', 'drawdown'], this.drawdowns.get('takahashi-alexander')!);
    this.defSubsidy = A.subsidyRate !== undefined ? this.fig(A.subsidyRate, ['assumptions', 'subsidyRate']) : undefined;
    // Read without a diagnostic: the next scenario of this context starts from here.
    if (shared && diags.items.length === before)
      shared.kept = {
        horizon: [this.startOk, this.calendar, this.fiscalYear, this.start, this.years, this.end],
        plan: [this.currency, this.sponsorsKey, this.governments, this.govCodes, this.assumptions],
        curves: [this.profiles, this.drawdowns],
        defaults: [this.defSpendOut, this.defDisbursement, this.defDrawdown, this.defSubsidy],
        exchangeRates: [...this.exchangeRates],
        figures: [...this.figures],
        curveList: [...this.curves],
      };
  }

  at(p: Path, key = false): Loc {
    return locate(this.tree, p, key);
  }

  pathText(p: Path): string {
    return describePath(this.tree, p);
  }

  /** A validated figure, with its position and scenario path (under `value` when cited). */
  fig(f: ParsedFigure, p: Path, source?: string): Fig {
    const out = this.figOf(f, p, source);
    this.figures.push(out);
    this.log?.push(out);
    return out;
  }

  private figOf(f: ParsedFigure, p: Path, source?: string): Fig {
    const q = f.cited ? [...p, 'value'] : p;
    return {
      value: f.value,
      source: f.source ?? source,
      loc: this.at(q),
      path: this.pathText(q),
      unit: f.unit,
      ...(f.dist ? { dist: f.dist } : {}),
    };
  }

  /** One sponsor as written: its type and budget concept checked against each other. */
  private sponsor(code: string, raw: SponsorInput, p: Path): Sponsor {
    const fits = BASES_BY_TYPE[raw.type ?? 'government'];
    const known = raw.basis === undefined || (SPONSOR_BASES as readonly string[]).includes(raw.basis);
    if (!known)
      this.diags.error(
        'invalid-value',
        `${this.pathText([...p, 'basis'])}: ${M.badOption(`"${raw.basis}"`, [...SPONSOR_BASES])}`,
        this.at([...p, 'basis']),
        M.basisNotForSponsorHint(raw.type ?? 'government', fits),
      );
    const g = { ...raw, basis: known ? (raw.basis as SponsorBasis | undefined) : undefined };
    if (g.basis !== undefined && !fits.includes(g.basis))
      this.diags.error(
        'basis-not-for-sponsor',
        M.basisNotForSponsor(code, g.basis, g.type ?? 'government'),
        this.at([...p, 'basis']),
        M.basisNotForSponsorHint(g.type ?? 'government', fits),
      );
    // Federal scoring is the U.S. federal budget's: a government whose books are in dollars.
    const books = g.currency ?? this.currency;
    if (g.basis === 'federal' && fits.includes('federal') && books !== 'USD')
      this.diags.error('basis-not-for-sponsor', M.federalNotUsd(code, books), this.at([...p, 'basis']), M.federalNotUsdHint);
    // A bank or a private sponsor has no budget: `none` unless it says otherwise (which it may not).
    // A government whose books are not in dollars is no U.S. federal sponsor: its own books are cash.
    const basis =
      g.basis ??
      (g.type === 'bank' || g.type === 'private'
        ? 'none'
        : (g.type ?? 'government') === 'government' && books !== 'USD'
          ? 'cash'
          : undefined);
    return {
      code,
      name: g.name ?? code,
      ...(g.currency !== undefined ? { currency: g.currency } : {}),
      ...(g.type !== undefined ? { type: g.type } : {}),
      ...(basis !== undefined ? { basis } : {}),
      ...(g.fiscalYear !== undefined ? { fiscalYear: fiscalYearOf(g.fiscalYear) } : {}),
    };
  }

  /** The plan's `fiscalYear`, when written: calendar years (CY) start in January, so another month is a diagnostic. */
  private planFiscalYear(f: FiscalYearInput | undefined): FiscalYear | undefined {
    if (f === undefined) return undefined;
    if (this.calendar && this.startOk && f.starts !== 1) {
      const month = monthName(f.starts);
      this.diags.error(
        'year-kind',
        M.calendarStartsOther(month),
        this.at(['fiscalYear', 'starts']),
        M.calendarStartsOtherHint(this.start, month),
      );
    }
    return fiscalYearOf(f);
  }

  /**
   * The stated rate of `currency` against the plan's (undefined for the plan's own); a
   * missing one is a diagnostic at `p`, reported once per place.
   */
  rateFor(currency: string, p: Path): Fig | undefined {
    if (currency === this.currency) return undefined;
    const r = this.exchangeRates.find((x) => x.currency === currency);
    if (r) return r.fig;
    const stated = Object.hasOwn(this.input.exchangeRates ?? {}, currency);
    // A stated rate that is not usable has its own diagnostic already.
    if (!stated)
      this.diags.error('missing-exchange-rate', M.missingRate(currency), this.at(p), M.missingRateHint(currency, this.currency));
    return undefined;
  }

  /** An amount written in `currency`: divided by its stated rate wherever it is read. */
  converted(f: Fig, currency: string | undefined, p: Path): Fig {
    if (currency === undefined || currency === this.currency) return f;
    const per = this.rateFor(currency, p);
    if (per) {
      f.currency = currency;
      f.per = per;
    }
    return f;
  }

  /** A figure when written; otherwise `fallback`, or zero said to be a default. */
  optional(f: ParsedFigure | undefined, p: Path, fallback?: Fig): Fig {
    if (f !== undefined) return this.fig(f, p);
    return fallback ?? this.zero(p, 'default: none');
  }

  /** A zero figure that was not written (a default), located at the enclosing key. */
  zero(p: Path, source: string): Fig {
    return {
      value: { low: Dec.ZERO, base: Dec.ZERO, high: Dec.ZERO },
      loc: this.at(p.slice(0, -1)),
      path: this.pathText(p),
      source,
    };
  }

  /** One Fig per default ratio, shared by every mechanism that uses it (one input, listed once). */
  defaultRatio(key: RatioDefault): Fig {
    let f = this.defaults.get(key);
    if (!f) {
      const written = this.assumptions[key];
      f =
        this.shared?.defaults.get(key) ??
        (written !== undefined
          ? this.figOf(written, ['assumptions', key])
          : {
              value: { low: Dec.ZERO, base: Dec.ZERO, high: Dec.ZERO },
              loc: this.at(['assumptions']),
              path: `assumptions.${key}`,
              source: 'default: 0x (none assumed)',
              unquantified: true,
            });
      this.shared?.defaults.set(key, f);
      // A written default is a figure read, listed where it is first used.
      if (written !== undefined) this.figures.push(f);
      this.defaults.set(key, f);
    }
    this.log?.push(key);
    return f;
  }

  /** A year as written -> its index in the horizon, or a diagnostic. */
  yearIndex(raw: unknown, p: Path): number | undefined {
    const { start, years, end } = this;
    const mine = this.calendar ? 'CY' : 'FY';
    const written = typeof raw === 'string' ? /^\s*(FY|CY)/i.exec(raw)?.[1]?.toUpperCase() : undefined;
    // A calendar year in a fiscal-year plan (or the reverse) names another span of months: one diagnostic, no guess.
    if (written !== undefined && written !== mine && this.startOk) {
      const n = String(raw).replace(/^\s*(FY|CY)\s*/i, '');
      this.diags.error(
        'year-kind',
        `${this.pathText(p)}: ${M.yearKind(String(raw), mine)}`,
        this.at(p),
        M.yearKindHint(`${mine}${n}`, `${written}${start}`),
      );
      return undefined;
    }
    const y = parseYear(raw, start, years, mine);
    if (!y.ok) {
      this.diags.error('invalid-year', `${this.pathText(p)}: ${y.message}`, this.at(p), y.hint);
      return undefined;
    }
    // An unusable horizon start is one diagnostic already: no year can be placed against it.
    if (!this.startOk) return undefined;
    if (y.value < start || y.value > end) {
      this.diags.error(
        'year-outside-horizon',
        `${this.pathText(p)}: ${M.yearOutsideHorizon(y.value, start, end, mine)}`,
        this.at(p),
        M.yearOutsideHint(start, end, mine),
      );
      return undefined;
    }
    return y.value - start;
  }

  checkGov(g: string, p: Path): boolean {
    if (this.govCodes.includes(g)) return true;
    // No sponsors at all is one diagnostic already, not one more per amount.
    if (this.govCodes.length === 0) return false;
    const dym = didYouMean(g, this.govCodes);
    this.diags.error(
      'unknown-government',
      `${this.pathText(p.slice(0, -1))}: ${M.unknownGovernment(g, this.govCodes)}`,
      this.at(p, true),
      dym ? M.didYouMean(dym) : M.unknownGovernmentHint,
    );
    return false;
  }

  /** How one government's amount is laid over the years. */
  allocation(gov: string, raw: AllocationInput, p: Path): Alloc | undefined {
    const { start, end, years: N, diags } = this;
    const at = (q: Path) => this.at(q);
    const pathText = (q: Path) => this.pathText(q);
    if ('value' in raw) return { gov, mode: 'total', fig: this.fig(raw, p), mask: Array(N).fill(true), loc: at(p) };
    const o = raw;
    if (o.byYear !== undefined && o.amount !== undefined) {
      diags.error('invalid-allocation', `${pathText(p)}: ${M.allocationBoth}`, at(p), this.allocationHint);
      return undefined;
    }
    if (o.byYear !== undefined) {
      const byYear: (Fig | undefined)[] = Array(N).fill(undefined);
      for (const [y, amt] of Object.entries(o.byYear)) {
        const i = this.yearIndex(y, [...p, 'byYear', y]);
        if (i !== undefined)
          byYear[i] = this.converted(this.fig(amt, [...p, 'byYear', y], o.source), o.currency, [...p, 'currency']);
      }
      return { gov, mode: 'byYear', byYear, source: o.source, loc: at(p) };
    }
    if (o.amount === undefined) {
      diags.error('invalid-allocation', `${pathText(p)}: ${M.allocationEmpty}`, at(p), this.allocationHint);
      return undefined;
    }
    const given = [o.from, o.to, o.years].filter((x) => x !== undefined).length;
    if (given > 2) {
      diags.error('invalid-allocation', `${pathText(p)}: ${M.windowConflict}`, at(p), this.allocationHint);
      return undefined;
    }
    let from = o.from !== undefined ? this.yearIndex(o.from, [...p, 'from']) : undefined;
    let to = o.to !== undefined ? this.yearIndex(o.to, [...p, 'to']) : undefined;
    if ((o.from !== undefined && from === undefined) || (o.to !== undefined && to === undefined)) return undefined;
    if (o.years !== undefined) {
      if (from === undefined && to === undefined) from = 0;
      if (from !== undefined) to = from + o.years - 1;
      else from = to! - o.years + 1;
      if (to! > N - 1 || from < 0) {
        diags.error(
          'year-outside-horizon',
          `${pathText([...p, 'years'])}: ${M.yearsPastHorizon(o.years, start + Math.min(from, to!), start, end, this.prefix)}`,
          at([...p, 'years']),
          M.yearOutsideHint(start, end, this.prefix),
        );
        return undefined;
      }
    }
    const a = from ?? 0;
    const b = to ?? N - 1;
    if (a > b) {
      diags.error(
        'window-backwards',
        `${pathText(p)}: ${M.windowBackwards(start + a, start + b, this.prefix)}`,
        at(p),
        this.allocationHint,
      );
      return undefined;
    }
    const mask = Array.from({ length: N }, (_, i) => i >= a && i <= b);
    return {
      gov,
      mode: o.per ?? 'total',
      fig: this.converted(this.fig(o.amount, [...p, 'amount'], o.source), o.currency, [...p, 'currency']),
      mask,
      source: o.source,
      loc: at(p),
    };
  }

  perGov(raw: Record<string, AllocationInput>, p: Path): Alloc[] {
    const out: Alloc[] = [];
    for (const [g, a] of Object.entries(raw)) {
      if (!this.checkGov(g, [...p, g])) continue;
      const al = this.allocation(g, a, [...p, g]);
      if (al) out.push(al);
    }
    return out;
  }

  /** Per-government commitments; a figure without its own source cites the enclosing item's (e.g. the wave's). */
  commits(raw: Record<string, CommitInput>, p: Path, source?: string): { gov: string; fig: Fig }[] {
    const out: { gov: string; fig: Fig }[] = [];
    for (const [g, a] of Object.entries(raw)) {
      if (!this.checkGov(g, [...p, g])) continue;
      if ('amount' in a)
        out.push({
          gov: g,
          fig: this.converted(this.fig(a.amount, [...p, g, 'amount'], a.source ?? source), a.currency, [...p, g, 'currency']),
        });
      else out.push({ gov: g, fig: this.fig(a, [...p, g], source) });
    }
    return out;
  }

  /** Per-government shares (0-100%), e.g. `currentLaw:`: a figure per government, with a diagnostic above 100%. */
  govShares(raw: Record<string, ParsedFigure> | undefined, p: Path): { gov: string; fig: Fig }[] {
    const out: { gov: string; fig: Fig }[] = [];
    for (const [g, f] of Object.entries(raw ?? {})) {
      if (!this.checkGov(g, [...p, g])) continue;
      const fig = this.fig(f, [...p, g]);
      if (fig.value.high.gt(Dec.ONE))
        this.diags.error('rate-above-one', `${fig.path}: ${M.rateAboveOne('a share')}`, fig.loc, M.shareHint);
      out.push({ gov: g, fig });
    }
    return out;
  }

  /** A probability (0-100%) as a figure, with a diagnostic above 100%. */
  probability(f: ParsedFigure | undefined, p: Path, source: string | undefined, hint: [string, string]): Fig | undefined {
    if (f === undefined) return undefined;
    const prob = this.fig(f, p, source);
    if (prob.value.high.gt(Dec.ONE))
      this.diags.error('invalid-probability', `${prob.path}: ${M.gateProbability}`, prob.loc, M.probabilityHint(...hint));
    return prob;
  }

  /**
   * An event's odds when a file states its outcome (`passes:`/`holds:`): if that file
   * extends the one that gave the probability (a patch saying "the study fails" on a
   * baseline with odds), the stated outcome wins: no probability, so simulate takes it
   * as written, and a warning says so. Stated in the same file, both stand (the outcome
   * for run, the odds for simulate).
   */
  statedOdds(
    prob: Fig | undefined,
    outcome: boolean | undefined,
    outcomePath: Path,
    what: string,
    words: [fails: string, holds: string],
  ): Fig | undefined {
    if (prob === undefined || outcome === undefined) return prob;
    const at = this.at(outcomePath);
    const rank = (file: string) => this.chain.indexOf(file);
    const [o, q] = [rank(at.file), rank(prob.loc.file)];
    if (o < 0 || q < 0 || o >= q) return prob;
    this.diags.warn(
      'outcome-stated',
      M.outcomeStated(this.pathText(outcomePath), `${what} ${words[outcome ? 1 : 0]}`, prob.loc.file),
      at,
      M.outcomeStatedHint(this.pathText(outcomePath).replace(/\.[a-z]+$/i, '.probability')),
    );
    return undefined;
  }

  private shares(raw: ParsedFigure[], p: Path): Dec[] {
    return raw.map((r, i) => this.fig(r, [...p, i]).value.base);
  }

  private profileObj(name: string, raw: { shares: ParsedFigure[]; source?: string }, p: Path): Profile {
    const shares = this.shares(raw.shares, [...p, 'shares']);
    const total = sum(shares);
    if (!total.eq(Dec.ONE))
      this.diags.error(
        'shares-sum',
        `${this.pathText(p)}: ${M.sharesSum(total.times(100).toPlain(4))}`,
        this.at([...p, 'shares']),
        M.sharesSumHint,
        'rule',
      );
    return { name, shares, source: raw.source };
  }

  private drawdownObj(name: string, d: Exclude<DrawdownInput, string>, p: Path): Drawdown {
    const rates = this.shares(d.rates, [...p, 'rates']);
    rates.forEach((r, i) => {
      if (r.gt(Dec.ONE))
        this.diags.error(
          'rate-above-one',
          `${this.pathText([...p, 'rates', i])}: ${M.rateAboveOne('a rate of contribution')}`,
          this.at([...p, 'rates', i]),
          M.contributionRateHint,
        );
    });
    return {
      name,
      rates,
      source: d.source,
      life: d.life ?? 12,
      bow: Dec.of(d.bow ?? 2.5),
      growth:
        d.growth !== undefined ? this.fig(d.growth, [...p, 'growth'], d.source) : this.zero([...p, 'growth'], 'default: 0%'),
    };
  }

  /** A spend-out or disbursement profile: a name from assumptions.profiles, or inline shares. */
  profile(raw: ProfileInput | undefined, p: Path, fallback: Profile): Profile {
    return this.named('profile', this.profiles, raw, p, fallback, (r) => this.profileObj(this.pathText(p), r, p));
  }

  /** A drawdown curve: a name from assumptions.drawdowns, or inline. */
  drawdown(raw: DrawdownInput | undefined, p: Path, fallback: Drawdown): Drawdown {
    return this.named('drawdown', this.drawdowns, raw, p, fallback, (r) => this.drawdownObj(this.pathText(p), r, p));
  }

  /** A curve written inline, or named: a name not defined is a diagnostic (with a did-you-mean), and the fallback is used. */
  private named<T, I>(
    kind: 'profile' | 'drawdown',
    known: Map<string, T>,
    raw: string | I | undefined,
    p: Path,
    fallback: T,
    inline: (raw: I) => T,
  ): T {
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string') return inline(raw);
    const found = known.get(raw);
    if (found) return found;
    const names = [...known.keys()];
    const dym = didYouMean(raw, names);
    this.diags.error(
      'unknown-name',
      `${this.pathText(p)}: ${M.unknownName(kind, raw, names)}`,
      this.at(p),
      dym ? M.didYouMean(dym) : M.unknownNameHint(kind),
    );
    return fallback;
  }
}

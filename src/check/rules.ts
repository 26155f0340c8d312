// The rules `check` runs on a usable scenario: pure functions from a scenario and its
// evaluations to diagnostics. Each rule has a stable code (see RULES and the README).
import type { Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec, Exact } from '../core/money.js';
import { casePicker, compute, yearly, type Case } from '../compute/engine.js';
import { testAssertion, showValue } from '../measure/assert.js';
import { metricUnit } from '../measure/paths.js';
import type { Evaluation } from '../pipeline.js';
import type { GatedMech, Scenario } from '../normalize/types.js';

/** Rule codes `check` adds to those of reading, validation and normalization. */
export const RULES = {
  envelope: 'program-overrun',
  declaredTotal: 'total-mismatch',
  assertion: 'assertion-failed',
  fallbackOrder: 'fallback-before-study',
  claim: 'claim-not-held',
} as const;

export interface RuleOptions {
  strictClaims: boolean;
}

export interface RuleReport {
  diagnostics: Diagnostic[];
  assertions: { total: number; hold: number };
  totals: { total: number; hold: number };
  claims: { total: number; hold: number };
}

const CASES: Case[] = ['base', 'low', 'high'];

/** Runs every rule; `evaluateCase` gives the evaluation of one case (memoised here). */
export function runRules(s: Scenario, evaluateCase: (c: Case) => Evaluation, opts: RuleOptions): RuleReport {
  const memo = new Map<Case, Evaluation>();
  const ev = (c: Case): Evaluation => {
    let e = memo.get(c);
    if (!e) {
      e = evaluateCase(c);
      memo.set(c, e);
    }
    return e;
  };
  const ds: Diagnostic[] = [];
  ds.push(...envelopes(s));
  ds.push(...fallbackOrder(s));
  const totals = declaredTotals(s, ev);
  const assertions = assertionRule(s, ev);
  const claims = claimRule(ev('base'), opts);
  ds.push(...totals.diagnostics, ...assertions.diagnostics, ...claims.diagnostics);
  return {
    diagnostics: ds,
    assertions: { total: s.assertions.length, hold: s.assertions.length - assertions.diagnostics.length },
    totals: { total: s.totals.length, hold: s.totals.length - totals.diagnostics.length },
    claims: { total: s.claims.length, hold: s.claims.length - claims.diagnostics.length },
  };
}

const ruleError = (code: string, message: string, loc: Diagnostic['loc'], hint?: string): Diagnostic => ({
  severity: 'error',
  category: 'rule',
  code,
  message,
  loc,
  hint,
});

/** "FY2027-FY2029, FY2031" from year indices. */
function yearRuns(ys: number[], start: number): string {
  const runs: string[] = [];
  for (let i = 0; i < ys.length; ) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    runs.push(i === j ? `FY${start + ys[i]!}` : `FY${start + ys[i]!}-FY${start + ys[j]!}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/**
 * program-overrun: the programs of a grant mechanism, summed per government and year, fit
 * inside its appropriations. One diagnostic per mechanism and government, at the program
 * whose amount tips the sum over in the first year of overrun; the first case (base, low,
 * high) that overruns is reported.
 */
export function envelopes(s: Scenario): Diagnostic[] {
  const N = s.horizon.years;
  const out: Diagnostic[] = [];
  for (const m of s.mechanisms) {
    if (m.kind !== 'grant-program' || m.programs.length === 0) continue;
    for (const g of s.governments.map((x) => x.code)) {
      const progs = m.programs.map((p) => ({ p, a: p.amounts.find((x) => x.gov === g) })).filter((x) => x.a);
      if (progs.length === 0) continue;
      for (const c of CASES) {
        const ctx = { A: Exact, N, pick: casePicker(Exact, c) };
        const env = m.appropriations
          .filter((a) => a.gov === g)
          .map((a) => yearly(a, ctx))
          .reduce((acc, ys) => acc.map((v, y) => v.plus(ys[y]!)), new Array<Dec>(N).fill(Dec.ZERO));
        const amounts = progs.map(({ p, a }) => ({ p, ys: yearly(a!, ctx) }));
        const overYears: number[] = [];
        for (let y = 0; y < N; y++) {
          const drawn = amounts.reduce((acc, x) => acc.plus(x.ys[y]!), Dec.ZERO);
          if (drawn.gt(env[y]!)) overYears.push(y);
        }
        if (overYears.length === 0) continue;
        const y0 = overYears[0]!;
        let run = Dec.ZERO;
        let culprit = amounts[amounts.length - 1]!;
        for (const x of amounts) {
          run = run.plus(x.ys[y0]!);
          if (run.gt(env[y0]!)) {
            culprit = x;
            break;
          }
        }
        const total = amounts.reduce((acc, x) => acc.plus(x.ys[y0]!), Dec.ZERO);
        const alloc = culprit.p.amounts.find((x) => x.gov === g)!;
        out.push(
          ruleError(
            RULES.envelope,
            M.envelopeOverrun(
              culprit.p.id,
              m.id,
              g,
              showValue(total, 'budgetCost'),
              showValue(env[y0]!, 'budgetCost'),
              s.horizon.start + y0,
              yearRuns(overYears, s.horizon.start),
              c,
            ),
            alloc.loc,
            M.envelopeOverrunHint(m.id),
          ),
        );
        break;
      }
    }
  }
  return out;
}

/**
 * fallback-before-study: a fallback runs only when its project's study fails, so it
 * cannot commit before the year the study concludes.
 */
export function fallbackOrder(s: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  const N = s.horizon.years;
  for (const fb of s.mechanisms) {
    if (fb.fallbackOf === undefined) continue;
    const proj = s.mechanisms.find((m): m is GatedMech => m.id === fb.fallbackOf && m.kind === 'gated-project');
    if (!proj) continue;
    const endYear = Math.floor((proj.study.startMonth + proj.study.months) / 12);
    const base = casePicker(Exact, 'base');
    const ledger = compute(s, Exact, { ...base, study: (m) => (m.id === proj.id ? false : base.study(m)) });
    const mi = s.mechanisms.indexOf(fb);
    let first = -1;
    for (let y = 0; y < N && first < 0; y++)
      for (let g = 0; g < s.governments.length; g++)
        if (!ledger.get(mi, g, 'commitment', y).isZero()) {
          first = y;
          break;
        }
    if (first >= 0 && first < endYear)
      out.push(
        ruleError(
          RULES.fallbackOrder,
          M.fallbackBeforeStudy(fb.id, proj.id, s.horizon.start + first, s.horizon.start + endYear),
          fb.loc,
          M.fallbackBeforeStudyHint,
        ),
      );
  }
  return out;
}

/** total-mismatch: each declared total equals the computed metric within its tolerance. */
export function declaredTotals(s: Scenario, ev: (c: Case) => Evaluation): { diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  for (const t of s.totals) {
    const computed = ev(t.case).measure.get(t.metric);
    if (computed === undefined || typeof computed === 'boolean') continue; // names checked in normalize
    const show = (x: Dec | null) => showValue(x, t.metric);
    if (computed === null) {
      out.push(
        ruleError(
          RULES.declaredTotal,
          M.totalMismatch(t.id, t.metric, show(t.value), 'nothing', 'undefined', t.tolerance.text, t.case),
          t.loc,
          M.assertionUndefinedHint,
        ),
      );
      continue;
    }
    const diff = computed.minus(t.value);
    const allowed = t.tolerance.kind === 'absolute' ? t.tolerance.value : t.value.abs().times(t.tolerance.value);
    if (diff.abs().lte(allowed)) continue;
    const signed = (diff.isNeg() ? '' : '+') + show(diff);
    out.push(
      ruleError(
        RULES.declaredTotal,
        M.totalMismatch(t.id, t.metric, show(t.value), show(computed), signed, t.tolerance.text, t.case),
        t.loc,
        M.totalMismatchHint,
      ),
    );
  }
  return { diagnostics: out };
}

/** assertion-failed: every `assert:` expression holds in its case. */
export function assertionRule(s: Scenario, ev: (c: Case) => Evaluation): { diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  for (const a of s.assertions) {
    const r = testAssertion(a, ev(a.case).measure);
    if (r.holds) continue;
    out.push(
      r.computed === null
        ? ruleError(RULES.assertion, M.assertionUndefined(a.text, a.metric), a.loc, M.assertionUndefinedHint)
        : ruleError(
            RULES.assertion,
            M.assertionFailed(a.text, a.metric, showValue(r.computed, a.metric), a.case),
            a.loc,
            M.assertionHint(metricUnit(a.metric) === 'amount', a.source),
          ),
    );
  }
  return { diagnostics: out };
}

/** claim-not-held: a published claim the computed metric does not bear out; a warning unless strict. */
export function claimRule(ev: Evaluation, opts: RuleOptions): { diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  for (const r of ev.claims) {
    if (r.holds) continue;
    const c = r.claim;
    const pub =
      typeof c.published === 'boolean' ? String(c.published) : showPublished(c.published, c.metric, c.comparison, c.tolerance);
    const d: Diagnostic = {
      severity: opts.strictClaims ? 'error' : 'warning',
      category: 'rule',
      code: RULES.claim,
      message: M.claimNotHeld(c.id, c.metric, pub, showValue(r.computed, c.metric)),
      loc: c.loc,
      hint: M.claimHint(c.text, c.source),
    };
    out.push(d);
  }
  return { diagnostics: out };
}

function showPublished(p: { low: Dec; high: Dec }, metric: string, cmp: 'approx' | 'atLeast' | 'atMost', tol: Dec): string {
  const v = (x: Dec) => showValue(x, metric);
  const body = p.low.eq(p.high) ? v(p.low) : `${v(p.low)}-${v(p.high)}`;
  const t = tol.isZero() ? '' : ` ±${tol.times(100).toPlain(4)}%`;
  return cmp === 'atLeast' ? `at least ${body}${t}` : cmp === 'atMost' ? `at most ${body}${t}` : `${body}${t}`;
}

// The rules every command that evaluates a scenario runs on it: pure functions from a
// scenario and its evaluations to diagnostics. Each rule has a stable code (RULES, and
// docs/reference/rules.md); a mechanism kind may add rules of its own (its `rules`).
import type { Diagnostic } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { type Dec, Exact } from '../core/money.js';
import { type Case, casePicker, compute, type RowMemo } from '../compute/engine.js';
import { kindOf } from '../mechanisms/registry.js';
import { showValue, testAssertion } from '../measure/assert.js';
import { testVerdicts } from '../measure/targets.js';
import { testUnit } from '../model/expr.js';
import type { Evaluation } from '../measure/evaluate.js';
import { type Scenario, yearName, yearPrefix } from '../model/scenario.js';

/** Rule codes added to those of reading, validation and normalization. */
export const RULES = {
  envelope: 'program-overrun',
  declaredTotal: 'total-mismatch',
  assertion: 'assertion-failed',
  fallbackOrder: 'fallback-before-study',
  claim: 'claim-not-held',
  target: 'target-not-met',
} as const;

export interface RuleOptions {
  strictClaims: boolean;
  /** A floor, target reading or target test that is not met is an error (exit 1). */
  strictTargets?: boolean;
  /** The scoring basis budget cost is measured on (check --basis); unset: each scenario's own. */
  basis?: string;
}

export interface RuleReport {
  diagnostics: Diagnostic[];
  assertions: { total: number; hold: number };
  totals: { total: number; hold: number };
  /** `notHeld`: the ids of the claims that do not hold, in the file's order. */
  claims: { total: number; hold: number; identity: number; notHeld: string[] };
}

/** Runs every rule; `evaluateCase` gives the evaluation of one case (memoised here); `rows`: ledger rows booked before (compute/engine.ts). */
export function runRules(s: Scenario, evaluateCase: (c: Case) => Evaluation, opts: RuleOptions, rows?: RowMemo): RuleReport {
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
  for (const m of s.mechanisms) ds.push(...(kindOf(m).rules?.(m, s) ?? []));
  ds.push(...conditionOrder(s, rows));
  ds.push(...withinRule(s, ev('base')));
  const totals = declaredTotals(s, ev);
  const assertions = assertionRule(s, ev);
  const claims = claimRule(ev('base'), opts);
  ds.push(...totals, ...assertions, ...claims);
  if (opts.strictTargets) ds.push(...targetRule(ev('base')));
  return {
    diagnostics: ds,
    assertions: { total: s.assertions.length, hold: s.assertions.length - assertions.length },
    totals: { total: s.totals.length, hold: s.totals.length - totals.length },
    claims: {
      total: s.claims.length,
      // Identities (true by construction) and claims out of their `when` are not evidence: not counted as holding.
      hold: ev('base').claims.filter((r) => r.verdict === 'holds').length,
      identity: ev('base').claims.filter((r) => r.verdict === 'identity').length,
      notHeld: ev('base')
        .claims.filter((r) => !r.holds)
        .map((r) => r.claim.id),
    },
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

/**
 * fallback-before-study: a mechanism that runs only when another's event fails (a
 * fallback) cannot commit before the year that event is decided.
 */
export function conditionOrder(s: Scenario, rows?: RowMemo): Diagnostic[] {
  const out: Diagnostic[] = [];
  const N = s.horizon.years;
  s.mechanisms.forEach((fb, mi) => {
    for (const c of fb.conditions) {
      if (c.holds) continue;
      const e = s.events.find((x) => x.key === c.event);
      if (!e || e.decidedMonth === undefined) continue;
      const endYear = Math.floor(e.decidedMonth / 12);
      const base = casePicker(Exact, 'base');
      // Only this mechanism's row is read: compute it and the mechanisms within its envelope.
      const mine = (i: number) => i === mi || s.mechanisms[i]!.within === fb.id;
      const ledger = compute(
        s,
        Exact,
        { ...base, event: (x) => (x.key === e.key ? false : base.event(x)) },
        mine,
        rows && { rows, case: 'base' },
      );
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
            M.fallbackBeforeStudy(fb.id, e.mech, s.horizon.start + first, s.horizon.start + endYear, yearPrefix(s.horizon)),
            fb.loc,
            M.fallbackBeforeStudyHint,
          ),
        );
    }
  });
  return out;
}

/** within-overrun: a mechanism within another's envelope fits inside it, per government and year. */
export function withinRule(s: Scenario, ev: Evaluation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const L = ev.ledger;
  for (const m of s.mechanisms) {
    if (m.within === undefined) continue;
    const outer = L.mechIndex.get(m.within);
    if (outer === undefined) continue;
    for (let g = 0; g < s.governments.length; g++) {
      const y = Array.from({ length: s.horizon.years }, (_, i) => i).find((i) => L.get(outer, g, 'commitment', i).isNeg());
      if (y === undefined) continue;
      const by = L.get(outer, g, 'commitment', y).neg();
      const draw = kindOf(m).envelopeDraw;
      out.push(
        ruleError(
          'within-overrun',
          M.withinOverrun(
            m.id,
            m.within,
            s.governments[g]!.code,
            yearName(s.horizon, y),
            by.div(1e6).toPlain(6),
            s.currency,
            draw?.what,
          ),
          m.loc,
          M.withinOverrunHint(m.within, draw?.fix),
        ),
      );
    }
  }
  return out;
}

/** total-mismatch: each declared total equals the computed metric within its tolerance. */
export function declaredTotals(s: Scenario, ev: (c: Case) => Evaluation): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of s.totals) {
    const computed = ev(t.case).measure.expr(t.expr);
    if (typeof computed === 'boolean') continue; // refused in normalize
    const show = (x: Dec | null) => showValue(x, t.expr.unit);
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
        M.totalMismatchHint(s.currency),
      ),
    );
  }
  return out;
}

/** assertion-failed: every `assert:` expression holds in its case. */
export function assertionRule(s: Scenario, ev: (c: Case) => Evaluation): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const a of s.assertions) {
    const r = testAssertion(a, ev(a.case).measure);
    if (r.holds) continue;
    out.push(
      r.computed === null
        ? ruleError(RULES.assertion, M.assertionUndefined(a.text, a.metric), a.loc, M.assertionUndefinedHint)
        : ruleError(
            RULES.assertion,
            M.assertionFailed(a.text, a.metric, showValue(r.computed, a.unit), a.case),
            a.loc,
            M.assertionHint(a.unit === 'money', a.source, s.currency),
          ),
    );
  }
  return out;
}

/** target-not-met (--strict-targets): the floor (on the scenario's basis), the mobilization target (headline) and each target test. */
export function targetRule(ev: Evaluation): Diagnostic[] {
  const s = ev.scenario;
  const m = ev.measure;
  const out: Diagnostic[] = [];
  const at = (f: { loc: Diagnostic['loc'] } | undefined) => f?.loc;
  if (s.targets.floor)
    for (const g of m.govs) {
      const f = m.floor(g, 'appropriated');
      if (f.met === false)
        out.push(
          ruleError(
            RULES.target,
            M.targetNotMet(`floor.${g}.appropriated.met`, `average ${showValue(f.average, 'money')}`),
            at(s.targets.floor),
            M.targetNotMetHint,
          ),
        );
    }
  const t = m.target();
  if (t.met === false)
    out.push(
      ruleError(
        RULES.target,
        M.targetNotMet('target.met', `headline ${showValue(t.headline, 'money')}`),
        at(s.targets.mobilization),
        M.targetNotMetHint,
      ),
    );
  for (const v of testVerdicts(ev)) {
    if (v.outcome.holds === true) continue;
    const unit = testUnit(v.test.test);
    const value =
      v.outcome.holds === null
        ? M.exprNotDefined
        : `${showValue(v.outcome.value as Dec | boolean | null, unit)}, margin ${showValue(v.outcome.margin, unit)}`;
    out.push(
      ruleError(RULES.target, M.targetNotMet(`targets.${v.test.id} (${v.test.that})`, value), v.test.loc, M.targetNotMetHint),
    );
  }
  return out;
}

/** claim-not-held: a published claim the computed metric does not bear out; a warning unless strict. */
export function claimRule(ev: Evaluation, opts: RuleOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of ev.claims) {
    if (r.holds) continue;
    const c = r.claim;
    const ref = c.refs[0]!;
    const pub =
      typeof c.published === 'boolean' ? String(c.published) : showPublished(c.published, ref, c.comparison, c.tolerance);
    out.push({
      severity: opts.strictClaims ? 'error' : 'warning',
      category: 'rule',
      code: RULES.claim,
      message: M.claimNotHeld(
        c.id,
        c.metric,
        pub,
        c.tests.map((t, k) => showValue(r.tests[k]!.computed, t.refs[0]!)).join(' / '),
      ),
      loc: c.loc,
      hint: M.claimHint(c.text, c.source),
    });
  }
  return out;
}

function showPublished(
  p: { low: Dec; high: Dec },
  ref: Parameters<typeof showValue>[1],
  cmp: 'approx' | 'atLeast' | 'atMost',
  tol: Dec,
): string {
  const v = (x: Dec) => showValue(x, ref);
  const body = p.low.eq(p.high) ? v(p.low) : `${v(p.low)}-${v(p.high)}`;
  const t = tol.isZero() ? '' : ` ±${tol.times(100).toPlain(4)}%`;
  return cmp === 'atLeast' ? `at least ${body}${t}` : cmp === 'atMost' ? `at most ${body}${t}` : `${body}${t}`;
}

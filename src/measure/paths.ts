// Metric paths: the names by which claims, assertions, diffs and `explain` refer to a
// figure, e.g. budgetCost.US.perYear, privateMobilized.total.F-4, floor.IL.appropriated.met.
import { didYouMean } from '../core/diagnostics.js';
import { M } from '../core/messages.js';

/** Money metrics: each is a sum over ledger flows (see measure/metrics.ts). */
export const MONEY_METRICS = [
  'publicCommitment',
  'budgetCost',
  'outlays',
  'deployed',
  'distributions',
  'netAfterReturns',
  'privateMobilized',
  'followOn',
  'headlineMobilization',
] as const;
export type MoneyMetric = (typeof MONEY_METRICS)[number];
export const FLOOR_FIELDS = ['met', 'everyYear', 'average', 'yearsMet', 'shortfall'] as const;
export const BASES = ['appropriated', 'commitment'] as const;

export type MetricRef =
  | { kind: 'money'; metric: MoneyMetric; scope: string; mech?: string; period?: 'perYear' | 'after' | number }
  | { kind: 'leverage'; basis: 'commitment' | 'budget'; scope: string; mech?: string }
  | { kind: 'floor'; gov: string; basis: 'appropriated' | 'commitment'; field: (typeof FLOOR_FIELDS)[number] }
  | { kind: 'target'; field: 'met' | 'shortfall' };

export type ParsedPath = { ok: true; ref: MetricRef } | { ok: false; message: string; hint: string };

export function parseMetricPath(path: string, govs: string[], mechs: string[], start: number, years: number): ParsedPath {
  const parts = path.split('.');
  const head = parts[0]!;
  const bad = (message: string, near?: string, options: readonly string[] = []): ParsedPath => {
    const dym = near !== undefined ? didYouMean(near, options) : undefined;
    return {
      ok: false,
      message,
      hint: dym
        ? M.didYouMean(dym)
        : M.metricHint(
            'budgetCost.US.perYear, publicCommitment.total.F-3.FY2029, leverage.commitment.total, floor.IL.appropriated.met or target.met',
          ),
    };
  };
  const scopes = ['total', ...govs];
  if ((MONEY_METRICS as readonly string[]).includes(head)) {
    let i = 1;
    let scope = 'total';
    if (parts[i] !== undefined && scopes.includes(parts[i]!)) scope = parts[i++]!;
    let mech: string | undefined;
    if (parts[i] !== undefined && mechs.includes(parts[i]!)) mech = parts[i++]!;
    let period: 'perYear' | 'after' | number | undefined;
    const p = parts[i];
    if (p !== undefined) {
      const fy = /^FY(\d{4})$/.exec(p);
      if (p === 'perYear' || p === 'after') period = p;
      else if (fy && Number(fy[1]) >= start && Number(fy[1]) < start + years) period = Number(fy[1]) - start;
      else return bad(M.metricUnknownPart(p, path), p, [...scopes, ...mechs, 'perYear', 'after', `FY${start}`]);
      i++;
    }
    if (i < parts.length) return bad(M.metricExtraParts(path, parts.slice(0, i).join('.')));
    return { ok: true, ref: { kind: 'money', metric: head as MoneyMetric, scope, mech, period } };
  }
  if (head === 'leverage') {
    const basis = parts[1];
    if (basis !== 'commitment' && basis !== 'budget') return bad(M.leverageBasis, basis, ['commitment', 'budget']);
    let i = 2;
    let scope = 'total';
    if (parts[i] !== undefined && scopes.includes(parts[i]!)) scope = parts[i++]!;
    let mech: string | undefined;
    if (parts[i] !== undefined && mechs.includes(parts[i]!)) mech = parts[i++]!;
    if (i < parts.length) return bad(M.metricUnknownPart(String(parts[i]), path), parts[i], [...scopes, ...mechs]);
    return { ok: true, ref: { kind: 'leverage', basis, scope, mech } };
  }
  if (head === 'floor') {
    const gov = parts[1];
    if (gov === undefined || !govs.includes(gov)) return bad(M.floorGovernment(govs), gov, govs);
    const basis = parts[2];
    if (basis !== 'appropriated' && basis !== 'commitment') return bad(M.floorBasis(gov), basis, BASES);
    const field = parts[3] ?? 'met';
    if (!(FLOOR_FIELDS as readonly string[]).includes(field) || parts.length > 4)
      return bad(M.metricUnknownPart(field, path), field, FLOOR_FIELDS);
    return { ok: true, ref: { kind: 'floor', gov, basis, field: field as (typeof FLOOR_FIELDS)[number] } };
  }
  if (head === 'target') {
    const field = parts[1] ?? 'met';
    if ((field !== 'met' && field !== 'shortfall') || parts.length > 2)
      return bad(M.metricUnknownPart(field, path), field, ['met', 'shortfall']);
    return { ok: true, ref: { kind: 'target', field } };
  }
  return bad(M.unknownMetric(head), head, [...MONEY_METRICS, 'leverage', 'floor', 'target']);
}

/** What kind of value a path names (for parsing a published figure against it). */
export function metricUnit(path: string): 'amount' | 'ratio' | 'boolean' {
  const [head, , , last] = path.split('.');
  if (head === 'leverage') return 'ratio';
  if (head === 'target') return path.endsWith('shortfall') ? 'amount' : 'boolean';
  if (head === 'floor')
    return last === undefined || last === 'met' || last === 'everyYear' ? 'boolean' : last === 'yearsMet' ? 'ratio' : 'amount';
  return 'amount';
}

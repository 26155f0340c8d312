// "Not quantified" kept apart from 0: a mechanism whose private money (or follow-on) rests
// only on a ratio the scenario never stated (the 0x default of assumptions.coFinance, ...)
// has an amount nobody quantified, not an amount of zero. Every format says so in words.
import type { Fig, Scenario } from '../model/scenario.js';
import type { MoneyMetricId } from '../model/metrics.js';

/** The metric each default ratio drives. */
const DRIVES: Record<string, MoneyMetricId> = {
  'assumptions.coFinance': 'privateMobilized',
  'assumptions.coInvest': 'privateMobilized',
  'assumptions.crowdIn': 'privateMobilized',
  'assumptions.followOn': 'followOn',
};

const isFig = (x: unknown): x is Fig =>
  typeof x === 'object' && x !== null && 'value' in x && 'path' in x && typeof (x as Fig).path === 'string';

/** The unstated default ratios a mechanism's normalized figures use (its fields, a few levels down). */
function unstated(x: unknown, out: Set<string>, seen: Set<object>, depth: number): void {
  if (typeof x !== 'object' || x === null || seen.has(x) || depth > 4) return;
  seen.add(x);
  if (isFig(x)) {
    if (x.unquantified) out.add(x.path);
    return;
  }
  for (const v of Object.values(x)) unstated(v, out, seen, depth + 1);
}

export interface NotQuantified {
  mechanism: string;
  metric: MoneyMetricId;
  /** The assumption left unstated, e.g. assumptions.coFinance. */
  assumption: string;
}

/** Each mechanism's metric that an unstated default leaves not quantified. */
export function notQuantified(s: Scenario): NotQuantified[] {
  const out: NotQuantified[] = [];
  for (const m of s.mechanisms) {
    const paths = new Set<string>();
    unstated(m, paths, new Set(), 0);
    for (const p of [...paths].sort()) {
      const metric = DRIVES[p];
      if (metric) out.push({ mechanism: m.id, metric, assumption: p });
    }
  }
  return out;
}

// Finding a scenario input by the path notation Fig.path uses (the names `diff`, `explain`
// and `simulate` print, e.g. mechanisms[F-2].appropriations.US.amount), the range an input
// may take under the scenario format's own rules, and the inputs the "what it would take"
// table varies (every single mechanism amount).
import { didYouMean } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { Fig, Scenario } from '../model/scenario.js';

export type Located = { ok: true; fig: Fig } | { ok: false; message: string; hint: string };

/** The first figure with this path (a shared default is listed once per use; every use has the same value). */
export function findInput(s: Scenario, path: string): Located {
  const want = path.trim();
  const fig = s.figures.find((f) => f.path === want);
  const paths = [...new Set(s.figures.map((f) => f.path))];
  if (!fig) {
    const near = didYouMean(want, paths);
    return { ok: false, message: M.solveUnknownInput(want), hint: near ? M.didYouMean(near) : M.solveInputHint(examples(s)) };
  }
  // A claim's tolerance changes no result; one share of a list that must add up to 100% cannot move alone.
  if (want.startsWith('claims[') || !fig.unit)
    return { ok: false, message: M.solveNotAnInput(want), hint: M.solveInputHint(examples(s)) };
  if (/\[\d+\]$/.test(want)) return { ok: false, message: M.solveListItem(want), hint: M.solveInputHint(examples(s)) };
  return { ok: true, fig };
}

function examples(s: Scenario): string {
  return mechanismAmounts(s)
    .slice(0, 3)
    .map((f) => f.path)
    .join(', ');
}

/** Every single mechanism amount input (unit amount, under mechanisms[...]), once each, in scenario order. */
export function mechanismAmounts(s: Scenario): Fig[] {
  const seen = new Set<string>();
  return s.figures.filter((f) => {
    if (f.unit !== 'amount' || !f.path.startsWith('mechanisms[') || seen.has(f.path)) return false;
    seen.add(f.path);
    return true;
  });
}

/** The mechanism id a path is under (mechanisms[F-2]... -> F-2). */
export function mechanismOf(path: string): string | undefined {
  return /^mechanisms\[([^\]]+)\]/.exec(path)?.[1];
}

/**
 * The values an input may take (the format's validation rules): amounts and ratios at
 * least zero, rates from 0% to 100%. `hi` is undefined when the rules set no ceiling;
 * the solver then searches up to `cap`, a bound it states.
 */
export interface Bounds {
  lo: Dec;
  hi?: Dec;
  cap: Dec;
}

export function boundsOf(fig: Fig, own: Dec): Bounds {
  if (fig.unit === 'rate') return { lo: Dec.ZERO, hi: Dec.ONE, cap: Dec.ONE };
  // No ceiling in the rules: search up to a thousand times the input's own value, and at
  // least USD 1 trillion for an amount (a 1,000x ratio), which no plan of this kind nears.
  const floor = fig.unit === 'amount' ? Dec.of(1e12) : Dec.of(1000);
  return { lo: Dec.ZERO, cap: own.times(1000).max(floor) };
}

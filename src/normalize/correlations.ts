// The `correlations:` block as the typed Scenario keeps it: each pair resolved to an input
// (a figure path) or a gate (an event key), checked for consistency: no input with itself,
// one value per pair (the matrix is symmetric by construction), and the matrix positive
// semi-definite (else no joint distribution has these correlations).
import { didYouMean } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import type { Correlation, Event, Fig } from '../model/scenario.js';
import { choleskyPsd } from '../model/correlation.js';
import type { Normalizer } from '../kit/context.js';

type Input = { between: [string, string]; rank: number }[] | undefined;

export function normalizeCorrelations(
  input: Input,
  c: Normalizer,
  figures: Fig[],
  events: Event[],
): { correlations?: Correlation[] } {
  if (!input || input.length === 0) return {};
  const names = [...figures.map((f) => f.path), ...events.map((e) => e.key)];
  const known = new Set(names);
  const out: Correlation[] = [];
  const seen = new Map<string, number>();
  input.forEach((x, i) => {
    const p = ['correlations', i];
    const loc = c.at(p);
    let ok = true;
    x.between.forEach((name, j) => {
      if (known.has(name)) return;
      ok = false;
      const dym = didYouMean(name, names);
      c.diags.error(
        'unknown-input',
        `${c.pathText([...p, 'between', j])}: ${M.correlationUnknown(name)}`,
        c.at([...p, 'between', j]),
        dym ? M.didYouMean(dym) : M.correlationHint,
      );
    });
    if (!ok) return;
    const [a, b] = x.between;
    if (a === b) {
      c.diags.error('invalid-correlation', `${c.pathText(p)}: ${M.correlationSelf(a)}`, loc, M.correlationHint);
      return;
    }
    const key = [a, b].sort().join('\u0000');
    const before = seen.get(key);
    if (before !== undefined && before !== x.rank) {
      c.diags.error(
        'invalid-correlation',
        `${c.pathText(p)}: ${M.correlationTwice(a, b, before, x.rank)}`,
        loc,
        M.correlationHint,
      );
      return;
    }
    seen.set(key, x.rank);
    out.push({ a, b, rank: x.rank, loc });
  });
  const vars = [...new Set(out.flatMap((x) => [x.a, x.b]))];
  const m = correlationMatrix(vars, out);
  if (vars.length > 2 && !choleskyPsd(m))
    c.diags.error(
      'invalid-correlation',
      `${c.pathText(['correlations'])}: ${M.correlationNotPsd}`,
      c.at(['correlations']),
      M.correlationPsdHint,
    );
  return { correlations: out };
}

/** The full matrix over `vars` (1 on the diagonal, 0 for unlisted pairs). */
export function correlationMatrix(vars: string[], pairs: Correlation[]): number[][] {
  const idx = new Map(vars.map((v, i) => [v, i]));
  const m: number[][] = vars.map((_, i) => vars.map((__, j) => (i === j ? 1 : 0)));
  for (const x of pairs) {
    const i = idx.get(x.a),
      j = idx.get(x.b);
    if (i === undefined || j === undefined) continue;
    m[i]![j] = x.rank;
    m[j]![i] = x.rank;
  }
  return m;
}

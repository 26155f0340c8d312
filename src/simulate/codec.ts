// Passes a Scenario to a worker thread: structured clone keeps shared objects shared
// (one Fig used by several mechanisms stays one input) but drops Dec's class, so Decs
// travel as strings and are rebuilt on the other side.
import { Dec } from '../core/money.js';

const TAG = '__dec';

function walk(x: unknown, memo: Map<object, unknown>, leaf: (v: object) => unknown): unknown {
  if (x === null || typeof x !== 'object') return x;
  const hit = memo.get(x);
  if (hit !== undefined) return hit;
  const l = leaf(x);
  if (l !== undefined) {
    memo.set(x, l);
    return l;
  }
  const out: unknown = Array.isArray(x) ? new Array(x.length) : {};
  memo.set(x, out);
  for (const [k, v] of Object.entries(x)) (out as Record<string, unknown>)[k] = walk(v, memo, leaf);
  return out;
}

export function encode<T>(x: T): unknown {
  return walk(x, new Map(), (v) => (v instanceof Dec ? { [TAG]: v.toPlain(60) } : undefined));
}

export function decode<T>(x: unknown): T {
  return walk(x, new Map(), (v) => (TAG in v ? Dec.of((v as Record<string, string>)[TAG]!) : undefined)) as T;
}

/**
 * The control words threads share in a held run (simulate.ts, worker.ts): the next chunk
 * of trials to claim, trials done, the next entry of the list of outputs to summarize, the
 * gate (1 once the summaries may reorder the columns) and that list's length.
 */
export const enum Ctl {
  Chunk,
  Done,
  Output,
  Gate,
  Count,
}

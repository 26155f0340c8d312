// Helpers for the report tests: a JSON pointer reader and the baseline's run --format json.
import { cli } from '../support/cli.js';

/** Reads a JSON pointer (RFC 6901) from a document. */
export function pointer(doc: unknown, ptr: string): unknown {
  let cur: unknown = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export interface RunJson {
  metrics: Record<string, any>;
  claims: { id: string; holds: boolean; verdict: string; computed: unknown; published: unknown }[];
  flows: { year: string; government: string; mechanism: string; flow: string; amount: string }[];
}

export async function runJson(args: string[] = [], cwd?: string): Promise<RunJson> {
  const r = await cli(['run', ...args, '--format', 'json'], { cwd });
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as RunJson;
}

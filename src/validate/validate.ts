// Checks a located tree against the zod schema and turns every zod issue into a
// diagnostic at the user's key or value, with a did-you-mean for unknown keys.
import type { core } from 'zod';
import { didYouMean, type Diagnostic, type Diagnostics, type Loc } from '../core/diagnostics.js';
import { describe } from '../core/amount.js';
import { M } from '../core/messages.js';
import { describePath } from '../read/describe.js';
import { type LMap, locate, toPlain } from '../read/tree.js';
import { validateValid } from './memo.js';
import type { SavedParts } from './saved.js';
import { scenarioSchema, SHAPES, MECHANISM_KINDS, type ScenarioInput } from './schema.js';

type Issue = core.$ZodIssue;
type Path = readonly PropertyKey[];

/** `saved`: parts validated by earlier runs (validate/saved.ts); a valid tree's new parts are added to it. */
export function validate(tree: LMap, diags: Diagnostics, saved?: SavedParts): ScenarioInput | undefined {
  const valid = validateValid(tree, saved);
  if (valid) return valid;
  const plain = toPlain(tree);
  const r = scenarioSchema().safeParse(plain);
  if (r.success) return r.data;
  const sink: Sink = { items: [], seen: new Set(), missing: new Map(), misspelt: new Set() };
  for (const issue of r.error.issues) report(issue, [], tree, plain, sink);
  // A misspelt key also shows up as a missing one in the same mapping; the did-you-mean says both, so drop the echo.
  for (const d of sink.items) if (!sink.misspelt.has(sink.missing.get(d) ?? '')) diags.add(d);
  return undefined;
}

/**
 * How well a union branch matched: 0 the value's type was wrong, 1 it is a mapping of other
 * keys (`{ value: ..., source }` is not a range), 2 it got inside.
 */
function score(issues: Issue[], base: Path): number {
  let best = 2;
  for (const i of issues) {
    // A key the branch forbids outright (z.never): the value is meant for another branch.
    if (i.code === 'invalid_type' && i.expected === 'never' && i.path.length === 1) best = Math.min(best, 1);
    const rootLevel = i.path.length === 0;
    if (!rootLevel) continue;
    if (i.code === 'invalid_type') best = Math.min(best, 0);
    else if (i.code === 'unrecognized_keys') best = Math.min(best, 1);
    else if (i.code === 'custom' && (i.params as { typeMismatch?: boolean } | undefined)?.typeMismatch) best = Math.min(best, 0);
    else if (i.code === 'invalid_union') best = Math.min(best, Math.max(...i.errors.map((b) => score(b, base))));
  }
  void base;
  return best;
}

function valueAt(plain: unknown, path: Path): unknown {
  let v = plain as unknown;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

export { describePath };

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  int: 'a whole number',
};

/** Diagnostics as found, plus what is needed to drop a missing-key echo of a misspelt key. */
interface Sink {
  items: Diagnostic[];
  seen: Set<string>;
  /** missing-key diagnostic -> "mapping path\0key". */
  missing: Map<Diagnostic, string>;
  /** "mapping path\0suggested key" for every unknown key with a did-you-mean. */
  misspelt: Set<string>;
}

/** What report() hands to the union case: the issue's place and the ways to emit. */
interface At {
  path: Path;
  value: unknown;
  prefix: string;
  tree: LMap;
  plain: unknown;
  sink: Sink;
  at: (p: Path, key?: boolean) => Loc;
  emit: (code: string, message: string, loc: Loc, hint?: string) => Diagnostic | undefined;
  missing: (hint?: string, length?: number) => void;
}

/** What the branches of a union would have taken, as words ("a number or an amount"). */
function expectedWords(branches: Issue[][]): string {
  const expected = new Set<string>();
  for (const b of branches)
    for (const i of b) {
      if (i.path.length) continue;
      if (i.code === 'invalid_type') expected.add(TYPE_WORDS[i.expected] ?? i.expected);
      if (i.code === 'custom')
        expected.add(
          String((i.params as { unit?: string })?.unit ?? 'a value')
            .replace(/^(amount)$/, 'an amount')
            .replace(/^(rate|ratio)$/, 'a $1'),
        );
    }
  return [...expected].join(' or ');
}

/** A value no branch of a union took: an unknown kind, a missing key, a wrong type, or the closest branch's issues. */
function reportUnion(
  issue: Issue & { code: 'invalid_union' },
  { path, value, prefix, tree, plain, sink, at, emit, missing }: At,
): void {
  if ((issue as { note?: string }).note === 'No matching discriminator') {
    const got = valueAt(plain, path);
    const isMissing = got === undefined;
    const kindPath = isMissing ? path.slice(0, -1) : path;
    const dym = typeof got === 'string' ? didYouMean(got, MECHANISM_KINDS) : undefined;
    emit(
      isMissing ? 'missing-key' : 'unknown-kind',
      isMissing
        ? M.missingKey('kind', describePath(tree, kindPath))
        : `${describePath(tree, path.slice(0, -1))}: ${typeof got === 'object' && got !== null ? M.kindNotName(Array.isArray(got) ? 'a list' : 'a mapping') : M.unknownKind(String(got))}`,
      at(kindPath),
      dym ? M.didYouMean(dym) : M.kindsHint(MECHANISM_KINDS),
    );
    return;
  }
  if (value === undefined) {
    // A missing key whose value may take several shapes (governments): say it is missing.
    missing();
    return;
  }
  const branches = issue.errors;
  const scores = branches.map((b) => score(b, path));
  const top = Math.max(...scores);
  const mismatch = branches
    .flat()
    .find((i) => i.code === 'custom' && i.path.length === 0 && (i.params as { typeMismatch?: boolean })?.typeMismatch) as
    { message: string; params?: { hint?: string } } | undefined;
  if (top === 0 && mismatch && typeof value !== 'object') {
    // A scalar where a figure belongs: the figure parser's message says it best.
    emit('invalid-figure', prefix + mismatch.message, at(path), mismatch.params?.hint);
    return;
  }
  if (top === 0) {
    // No branch accepted the value's type: one message listing what would do.
    const firstCustom = branches.flat().find((i) => i.code === 'custom' && i.path.length === 0) as
      { params?: { hint?: string } } | undefined;
    emit('wrong-type', prefix + M.wrongType(expectedWords(branches), describe(value)), at(path), firstCustom?.params?.hint);
    return;
  }
  const chosen = branches[scores.indexOf(top)]!;
  for (const i of chosen) report(i, path, tree, plain, sink);
}

function report(issue: Issue, base: Path, tree: LMap, plain: unknown, sink: Sink): void {
  const path = [...base, ...issue.path];
  const where = describePath(tree, path);
  const at = (p: Path, key = false): Loc => locate(tree, p, key);
  const emit = (code: string, message: string, loc: Loc, hint?: string): Diagnostic | undefined => {
    const k = `${loc.file}:${loc.line}:${loc.col}:${code}:${message}`;
    if (sink.seen.has(k)) return undefined;
    sink.seen.add(k);
    const d: Diagnostic = { severity: 'error', category: 'input', code, message, loc, hint };
    sink.items.push(d);
    return d;
  };
  /** The last key of `path` is missing from its mapping. */
  const missing = (hint?: string, length?: number) => {
    const parent = path.slice(0, -1);
    const key = String(path[path.length - 1]);
    const d = emit(
      'missing-key',
      M.missingKey(key, describePath(tree, parent)),
      length ? { ...at(parent), length } : at(parent),
      hint,
    );
    if (d) sink.missing.set(d, `${describePath(tree, parent)}\0${key}`);
  };
  const prefix = where ? `${where}: ` : '';
  const value = valueAt(plain, path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const obj = (value ?? {}) as Record<string, unknown>;
      const known = Object.keys(obj).filter((k) => !issue.keys.includes(k));
      const candidates = [...new Set(SHAPES.filter((s) => known.every((k) => s.includes(k))).flat())];
      for (const k of issue.keys) {
        const dym = didYouMean(k, candidates);
        if (dym) sink.misspelt.add(`${where}\0${dym}`);
        emit(
          'unknown-key',
          M.unknownKey(k, where),
          at([...path, k], true),
          dym ? M.didYouMean(dym) : M.allowedKeys(candidates.filter((c) => c !== 'remove')),
        );
      }
      return;
    }
    case 'invalid_union':
      reportUnion(issue, { path, value, prefix, tree, plain, sink, at, emit, missing });
      return;
    case 'invalid_type': {
      if (value === undefined) {
        missing(undefined, 1);
        return;
      }
      const exp = issue.expected === 'number' && (issue as { format?: string }).format ? 'int' : issue.expected;
      emit('wrong-type', prefix + M.wrongType(TYPE_WORDS[exp] ?? exp, describe(value)), at(path));
      return;
    }
    case 'invalid_value': {
      const opts = issue.values.map(String);
      const dym = typeof value === 'string' ? didYouMean(value, opts) : undefined;
      emit('invalid-value', prefix + M.badOption(describe(value), opts), at(path), dym ? M.didYouMean(dym) : undefined);
      return;
    }
    case 'custom': {
      const params = issue.params as { hint?: string; negative?: boolean; code?: string } | undefined;
      if (value === undefined) {
        missing(params?.hint);
        return;
      }
      emit(
        params?.code ?? (params?.negative ? 'negative-amount' : 'invalid-figure'),
        prefix + issue.message,
        at(path),
        params?.hint,
      );
      return;
    }
    case 'too_small':
      if (issue.origin === 'array') emit('too-small', prefix + M.tooFew(Number(issue.minimum)), at(path));
      // "more than 0" reads better than "at least 0 (exclusive)" (window.months: 0).
      else
        emit(
          'out-of-range',
          prefix + `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}, got ${describe(value)}`,
          at(path),
        );
      return;
    case 'too_big':
      emit('out-of-range', prefix + `must be at most ${String(issue.maximum)}, got ${describe(value)}`, at(path));
      return;
    case 'invalid_format':
      emit('invalid-value', prefix + `${describe(value)}: ${issue.message}`, at(path));
      return;
    case 'invalid_key': {
      // A map key the record's key schema refuses (a sponsor code): say why, at the key.
      const key = path[path.length - 1];
      const why = issue.issues[0]?.message ?? issue.message;
      emit('invalid-value', prefix + `${describe(key)}: ${why}`, at(path, true));
      return;
    }
    default:
      emit('invalid-value', prefix + issue.message, at(path));
  }
}

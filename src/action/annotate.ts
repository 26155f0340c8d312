// Which problems the review reports as the pull request's, and the annotations (workflow
// commands) for them. A published claim that does not hold is the change's only where the
// change made it stop holding (or in a new file that extends nothing); the rest did not
// hold at the base either: inherited, counted in one line. Every annotation (check errors
// and warnings, thresholds, diff errors, setup notes) counts toward the cap, the pull
// request's own files first; the rest are listed in the summary.
import { DEFAULT_CURRENCY, millionsOf } from '../core/currency.js';
import { cmdData, cmdProp } from './escape.js';
import type { CheckDiag, CheckFile, Result } from './types.js';

export interface Annotation {
  severity: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  /** On a file of the pull request (A, M, R): shown first. */
  own: boolean;
}

export interface Annotated {
  /** The workflow commands, at most `max` of each severity. */
  lines: string[];
  /** The annotations past the cap. */
  overflow: Annotation[];
  /** Problems in the check of files this change did not touch (errors fail the check too). */
  outside: CheckDiag[];
  /** Claims that did not hold at the base either, per file. */
  inherited: Map<string, CheckDiag[]>;
  /** The change's own warnings per file (what a row shows). */
  newWarnings: Map<string, number>;
  /** Claims this change made stop holding (errors with strict-claims). */
  newlyBroken: number;
}

interface Input {
  results: Result[];
  check: CheckFile[];
  strictClaims: boolean;
  max: number;
  setupNotes: string[];
  checkError?: string;
}

const claimOf = (d: CheckDiag) => (d.code === 'claim-not-held' ? /claim "([^"]*)"/.exec(d.message)?.[1] : undefined);

export function annotate(x: Input): Annotated {
  const byPath = new Map(x.results.map((r) => [r.entry.path, r]));
  const checkOf = new Map(x.check.map((f) => [f.file, f]));
  const prFiles = new Set(x.results.filter((r) => r.entry.status !== 'D' && r.entry.status !== 'E').map((r) => r.entry.path));
  const out: Annotated = { lines: [], overflow: [], outside: [], inherited: new Map(), newWarnings: new Map(), newlyBroken: 0 };
  const list: Annotation[] = [];
  const seen = new Set<string>();
  for (const f of x.check) {
    const r = byPath.get(f.file);
    for (const d0 of f.diagnostics) {
      const claim = claimOf(d0);
      const isNew =
        claim === undefined || (r !== undefined && ((r.alone !== undefined && r.entry.status === 'A') || r.broken.has(claim)));
      if (!isNew) {
        // Inherited: one line in the comment, listed in the summary; a file of the change only.
        if (r) out.inherited.set(f.file, [...(out.inherited.get(f.file) ?? []), d0]);
        continue;
      }
      const d: CheckDiag = claim !== undefined && x.strictClaims ? { ...d0, severity: 'error' } : d0;
      if (claim !== undefined) out.newlyBroken++;
      if (!r) {
        // A file this change did not touch: its errors still fail the check.
        out.outside.push(d);
        if (d.severity === 'warning') continue;
      }
      // A rule written in another file (the baseline's claim) failing in a file of the change is
      // placed on that file; a problem of any other file is named in the message, on no file.
      const own = d.file !== null && prFiles.has(d.file);
      const from = `${d.file}${d.line ? `:${d.line}` : ''}`;
      const placed: CheckDiag = own
        ? d
        : prFiles.has(f.file)
          ? { ...d, file: f.file, line: 1, col: 1, message: `${d.message} (from ${from})` }
          : { ...d, file: null, line: null, col: null, message: `${f.file}: ${d.message}${d.file ? ` (from ${from})` : ''}` };
      const key = `${placed.severity}\0${placed.code}\0${placed.file}\0${placed.line}\0${placed.col}\0${placed.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (placed.severity === 'warning' && r) out.newWarnings.set(f.file, (out.newWarnings.get(f.file) ?? 0) + 1);
      list.push({
        severity: placed.severity,
        title: `compact-model ${placed.code}`,
        message: placed.message + (placed.hint ? ` (hint: ${placed.hint})` : ''),
        file: placed.file ?? undefined,
        line: placed.line ?? undefined,
        col: placed.col ?? undefined,
        own: placed.file !== null && prFiles.has(placed.file),
      });
    }
  }
  for (const r of x.results) {
    const own = prFiles.has(r.entry.path);
    for (const t of r.crossed)
      list.push({
        severity: 'error',
        title: 'compact-model threshold',
        message: `${r.entry.path}: threshold "${t.expression}" crossed${thresholdFigures(t, r.currency ?? DEFAULT_CURRENCY)}`,
        // On the pull request's own files; a deleted file or one that only extends a changed one has no place there.
        file: own ? r.entry.path : undefined,
        own,
      });
    // A file the check found unusable is annotated once, by the check.
    if (r.error && checkOf.get(r.entry.path)?.status !== 'unusable')
      list.push({
        severity: 'error',
        title: 'compact-model diff',
        message: `${r.entry.path}: ${r.error}`,
        file: own ? r.entry.path : undefined,
        own,
      });
  }
  if (x.checkError) list.push({ severity: 'error', title: 'compact-model check', message: x.checkError, own: false });
  for (const n of x.setupNotes) list.push({ severity: 'warning', title: 'compact-model', message: n, own: false });
  emit(out, list, x.max);
  return out;
}

/** A crossed threshold's figures; `currency`: the file's, in which its amounts are. */
function thresholdFigures(t: Result['crossed'][number], currency: string): string {
  if (t.flipped?.length) return `: ${t.flipped.map((f) => `${f.path} ${f.base} -> ${f.alt}`).join(', ')}`;
  if (t.change === undefined) return '';
  return `: change ${t.change ?? 'n/a'} (${t.base ?? 'n/a'} -> ${t.alt ?? 'n/a'}, ${millionsOf(currency)} for amounts)`;
}

/** The workflow commands: errors before warnings, the pull request's own files first, at most `max` of each severity. */
function emit(out: Annotated, list: Annotation[], max: number): void {
  const rank = (a: Annotation) => (a.severity === 'error' ? 0 : 2) + (a.own ? 0 : 1);
  const sorted = list.map((a, i) => ({ a, i })).sort((p, q) => rank(p.a) - rank(q.a) || p.i - q.i);
  const count = { error: 0, warning: 0 };
  for (const { a } of sorted) {
    if (count[a.severity] >= max) {
      out.overflow.push(a);
      continue;
    }
    count[a.severity]++;
    const props: string[] = [];
    if (a.file !== undefined) props.push(`file=${cmdProp(a.file)}`);
    if (a.file !== undefined && a.line) props.push(`line=${a.line}`);
    if (a.file !== undefined && a.col) props.push(`col=${a.col}`);
    props.push(`title=${cmdProp(a.title)}`);
    out.lines.push(`::${a.severity} ${props.join(',')}::${cmdData(a.message)}`);
  }
}

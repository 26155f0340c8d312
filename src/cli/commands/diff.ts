// `compact-model diff BASE ALT` (or `--against REV FILE`): load both with one Loader,
// evaluate one case, diff, render; --fail-if thresholds set exit 1 when crossed.
import type { Command } from 'commander';
import { Loader } from '../../read/load.js';
import { gitSource, badRevision, presenceAt } from '../../read/git.js';
import { evaluate } from '../../measure/evaluate.js';
import { loadScenario, type LoadResult } from '../../normalize/load.js';
import { Diagnostics, exitCodeFor } from '../../core/diagnostics.js';
import { M } from '../../core/messages.js';
import { diffEvaluations } from '../../measure/diff.js';
import { checkPolicy, checkThreshold, parseThreshold, type Threshold, type ThresholdCheck } from '../../measure/thresholds.js';
import { diffCsv, diffJson, renderDiffMarkdown, renderDiffTable, thresholdValues, type DiffView } from '../../render/diff.js';
import { makeChalk } from '../../render/terminal.js';
import { widthFor } from '../open.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import type { Case } from '../../compute/engine.js';
import type { IO } from '../io.js';
import { basisOption, caseOption, choice, type Ctx, parseWidth, widthOption } from '../options.js';

export interface DiffOpts {
  against?: string;
  case: Case;
  format: 'table' | 'markdown' | 'json' | 'csv';
  all: boolean;
  failIf: string[];
  basis?: string;
  width?: number;
}

export function register(program: Command, ctx: Ctx): void {
  basisOption(
    program
      .command('diff')
      .description(
        'compare two scenarios (or a file with its version at a git revision): metrics, mechanisms, years, inputs, verdicts',
      )
      .argument('<files...>', 'BASE and ALT scenario files (one FILE with --against)')
      .option('--against <rev>', 'compare FILE with its own version at git revision REV (e.g. main, HEAD~1)')
      .addOption(caseOption(true))
      .option(
        '--format <format>',
        'output format: table, markdown (for a pull-request comment), json or csv',
        choice(['table', 'markdown', 'json', 'csv']),
        'table',
      )
      .option('--all', 'show unchanged rows too', false)
      .option(
        '--fail-if <expr>',
        "exit 1 when a threshold is crossed: a change ('budgetCost.US > +100', 'headlineMobilization < -5%'), a level ('budgetCost.US > 4.5B level') or a verdict ('floor.US.met: must-not-flip'); the left side may be an expression ('budgetCost.US / publicCommitment.US > +0.05'); repeatable",
        (x: string, acc: string[]) => [...acc, x],
        [] as string[],
      ),
  )
    .option(widthOption[0], widthOption[1], parseWidth)
    .action((files: string[], opts: DiffOpts) => {
      ctx.exitCode = diff(ctx.io, files, opts);
    });
}

export function diff(io: IO, files: string[], opts: DiffOpts): number {
  const errChalk = makeChalk(io.stderrIsTTY, io.env);
  const usage = new Diagnostics();
  const against = opts.against;
  if (files.length !== (against !== undefined ? 1 : 2))
    usage.error('usage', M.diffArgs(files.length, against !== undefined), undefined, M.diffArgsHint);
  if (against !== undefined && badRevision(against)) usage.error('usage', M.badRevision(against), undefined, M.badRevisionHint);
  const thresholds: Threshold[] = [];
  const legacy = new Diagnostics();
  for (const expr of opts.failIf) {
    const t = parseThreshold(expr);
    if (!t) usage.error('invalid-fail-if', M.failIfSyntax(expr), undefined, M.failIfSyntaxHint);
    else {
      thresholds.push(t);
      if (t.form === 'change' && t.legacy)
        legacy.warn('fail-if-unsigned', M.failIfUnsigned(t.text), undefined, M.failIfUnsignedHint(t.text));
    }
  }
  if (usage.items.length) {
    io.err(renderDiagnostics(usage.items, new Map(), errChalk));
    return 2;
  }
  if (legacy.items.length) io.err(renderDiagnostics(legacy.items, new Map(), errChalk));

  // One Loader: two files that extend the same baseline read and parse it once.
  const loader = new Loader(io.cwd, { roots: io.roots });
  const sides = against !== undefined ? loadAgainst(io, loader, files[0]!, against) : undefined;
  if (sides && 'usage' in sides) {
    io.err(renderDiagnostics(sides.usage.items, new Map(), errChalk));
    return 2;
  }
  const base = sides ? sides.base : loadScenario(files[0]!, loader);
  const alt = sides ? sides.alt : loadScenario(files[1]!, loader);
  const diags = [...base.diags.items, ...alt.diags.items];
  if (diags.length) io.err(renderDiagnostics(diags, loader.sources, errChalk));
  const code = exitCodeFor(diags);
  if (!base.scenario || !alt.scenario || code === 2) return 2;

  const withBasis = (x: typeof base.scenario & object) => (opts.basis === undefined ? x : { ...x, basis: opts.basis });
  const a = evaluate(withBasis(base.scenario), opts.case);
  const b = evaluate(withBasis(alt.scenario), opts.case);
  const d = diffEvaluations(a, b);
  const checked: DiffView['thresholds'] = [];
  const bad = new Diagnostics();
  for (const t of thresholds) {
    const r = t.form === 'must-not-flip' ? checkPolicy(t, d.verdicts) : checkThreshold(t, a, b);
    if (r.ok) checked.push({ t, r });
    else bad.error('invalid-fail-if', M.failIfMetric(t.text, r.message), undefined, r.hint);
  }
  if (bad.items.length) {
    io.err(renderDiagnostics(bad.items, new Map(), errChalk));
    return 2;
  }

  const view: DiffView = { all: opts.all, thresholds: checked };
  if (opts.format === 'json') io.out(JSON.stringify(diffJson(d, view), null, 2) + '\n');
  else if (opts.format === 'markdown') io.out(renderDiffMarkdown(d, view));
  else if (opts.format === 'csv') io.out(diffCsv(d, view));
  else io.out(renderDiffTable(d, view, makeChalk(io.stdoutIsTTY, io.env), widthFor(io, opts.width)));

  const crossed = new Diagnostics();
  for (const { t, r } of checked)
    if (r.applies && r.crossed) crossed.error('threshold-crossed', crossedText(t, r), undefined, M.thresholdCrossedHint, 'rule');
  if (crossed.items.length) io.err(renderDiagnostics(crossed.items, new Map(), errChalk));
  return Math.max(code, exitCodeFor(crossed.items));
}

/** What a crossed threshold says: the change, the level reached, or the verdicts that flipped. */
function crossedText(t: Threshold, r: Extract<ThresholdCheck, { ok: true; applies: true }>): string {
  if (t.form === 'must-not-flip')
    return M.policyCrossed(t.text, (r.flips ?? []).map((f) => `${f.path} ${f.base} -> ${f.alt}`).join(', '));
  const v = thresholdValues(r);
  return t.form === 'level'
    ? M.levelCrossed(t.text, t.path, v.alt, v.base)
    : M.thresholdCrossed(t.text, t.path, v.change, v.base, v.alt);
}

/**
 * Both sides of `--against REV FILE`. FILE on both sides: REV:FILE and FILE. Renamed since REV
 * (git's rename detection): REV:OLD and FILE. New since REV: the file it `extends` (at REV,
 * or in the tree when new too) and FILE. Deleted since REV: REV:FILE and the file it extended
 * at REV. A note on stderr says which; new or deleted with no `extends` is a usage error.
 */
function loadAgainst(
  io: IO,
  loader: Loader,
  file: string,
  rev: string,
): { base: LoadResult; alt: LoadResult } | { usage: Diagnostics } {
  const atRev = gitSource(rev);
  const presence = presenceAt(io.cwd, rev, file);
  const parentOf = (r: LoadResult, prefix: string) => {
    const p = r.scenario?.chain[1];
    return p?.startsWith(prefix) ? p.slice(prefix.length) : p;
  };
  if (presence.kind === 'renamed') {
    io.err(M.againstRenamed(file, presence.from, rev) + '\n');
    return { base: loadScenario(presence.from, loader, { source: atRev }), alt: loadScenario(file, loader) };
  }
  if (presence.kind === 'new') {
    const alt = loadScenario(file, loader);
    const parent = parentOf(alt, '');
    if (alt.scenario && parent === undefined) {
      const usage = new Diagnostics();
      usage.error('against-new', M.againstNewAlone(file, rev), undefined, M.againstNewAloneHint(file));
      return { usage };
    }
    if (parent === undefined) return { base: alt, alt };
    // The parent as it was at REV: under its old name when it moved since.
    const pp = presenceAt(io.cwd, rev, parent);
    const then = pp.kind === 'both' ? parent : pp.kind === 'renamed' ? pp.from : undefined;
    io.err(M.againstNew(file, rev, then !== undefined ? `${rev}:${then}` : parent) + '\n');
    return { base: loadScenario(then ?? parent, loader, { source: then !== undefined ? atRev : undefined }), alt };
  }
  if (presence.kind === 'deleted') {
    const base = loadScenario(file, loader, { source: atRev });
    // A parent read from the disk (a shipped scenario, an installed package's) has no REV: prefix.
    const parentFromRev = base.scenario?.chain[1]?.startsWith(`${rev}:`) ?? true;
    const parent = parentOf(base, `${rev}:`);
    if (base.scenario && parent === undefined) {
      const usage = new Diagnostics();
      usage.error('against-deleted', M.againstDeletedAlone(file, rev), undefined, M.againstDeletedAloneHint(file, rev));
      return { usage };
    }
    if (parent === undefined) return { base, alt: base };
    io.err(M.againstDeleted(file, rev, parentFromRev ? `${rev}:${parent}` : parent) + '\n');
    return { base, alt: loadScenario(parent, loader, { source: parentFromRev ? atRev : undefined }) };
  }
  return { base: loadScenario(file, loader, { source: atRev }), alt: loadScenario(file, loader) };
}

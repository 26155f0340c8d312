// Turns the validated scenario-as-written into the typed Scenario: resolves years against
// the horizon, names against assumptions, applies defaults, hands each mechanism to its
// kind's module, and checks the rules that need the whole file. Problems are
// diagnostics, not throws.
import { type Diagnostics, didYouMean } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import { kindOf, KINDS } from '../mechanisms/registry.js';
import { DEFAULT_BASIS } from '../model/bases.js';
import { type Expr, type ExprNames, type ExprUnit, parseExpr, parseTest, refsOf, testUnit } from '../model/expr.js';
import type { Claim, ClaimTest, MechBase, PlanMeasure, Scenario, TargetTest } from '../model/scenario.js';
import type { ParsedFigure } from '../kit/figures.js';
import { getEntry, type LMap, type LNode } from '../read/tree.js';
import { setOrigin } from '../kit/origin.js';
import type { ScenarioInput } from '../validate/schema.js';
import { normalizeAssertions, normalizeTotals, subLoc } from './assertions.js';
import { type FigureOp, Normalizer, type Path, type SharedContext } from '../kit/context.js';
import { normalizeValuation } from './valuation.js';
import { normalizeCorrelations } from './correlations.js';

type Names = ExprNames & {
  measures: string[];
  measureUnits: Map<string, ExprUnit>;
  tests: string[];
  testUnits: Map<string, ExprUnit>;
};

/** The keys of a scenario the Normalizer reads (kit/context.ts): a mechanism's context. */
const CONTEXT_KEYS = ['horizon', 'governments', 'sponsors', 'currency', 'exchangeRates', 'assumptions', 'fiscalYear'];

/** A number per node seen, to name a context by the very nodes it was read from. */
const nodeIds = new WeakMap<LNode, number>();
let nextNodeId = 0;
const nodeId = (n: LNode) => {
  let id = nodeIds.get(n);
  if (id === undefined) nodeIds.set(n, (id = ++nextNodeId));
  return id;
};

/**
 * What a mechanism's normalized values depend on besides its own node: the nodes of the
 * context keys and, when `assumptions` is not written, the place a default is said to be
 * (the file's root).
 */
function contextOf(tree: LMap): string {
  const ids = CONTEXT_KEYS.map((k) => {
    const e = getEntry(tree, k);
    return e ? nodeId(e.value) : 0;
  });
  const root = getEntry(tree, 'assumptions') ? null : tree.loc;
  return JSON.stringify([ids, root]);
}

/** The files a node was written in (its locations'), by node. */
const filesIn = new WeakMap<LNode, Set<string>>();
function filesOf(n: LNode): Set<string> {
  let files = filesIn.get(n);
  if (files) return files;
  files = new Set([n.loc.file]);
  const kids = n.kind === 'seq' ? n.items : n.kind === 'map' ? n.entries.map((e) => e.value) : [];
  if (n.kind === 'map') for (const e of n.entries) files.add(e.keyLoc.file);
  for (const k of kids) for (const f of filesOf(k)) files.add(f);
  filesIn.set(n, files);
  return files;
}

/** Tokens by mechanism node, then by place and context (kit/origin.ts). */
const tokens = new WeakMap<LNode, Map<string, object>>();

/**
 * The token of the mechanism at `node`, item `i`. Of the files read, a mechanism reads only
 * the order of those its node was written in (an outcome stated in a file that extends the
 * one with the odds: Normalizer.statedOdds), so the others are left out: a variant's own
 * file does not make its base's mechanisms new.
 */
function tokenFor(node: LNode, i: number, context: string, chain: string[]): object {
  let byContext = tokens.get(node);
  if (!byContext) tokens.set(node, (byContext = new Map()));
  const files = filesOf(node);
  const k = JSON.stringify([i, context, chain.filter((f) => files.has(f))]);
  let t = byContext.get(k);
  if (!t) byContext.set(k, (t = {}));
  return t;
}

/**
 * Mechanisms normalized before, by token (kit/origin.ts), for one command that normalizes
 * many scenarios (check: a variant's unchanged mechanisms are its base's): each kept as
 * it left its kind's module (before fallbacks are linked), with the figures it read and
 * the default ratios it asked for, in order, to be replayed into the next scenario's
 * figures. Only a mechanism read without a diagnostic is kept. Default ratios are one
 * object per context, so a kept mechanism and a new one share them as in one scenario.
 */
export class NormalizeMemo {
  readonly mechs = new WeakMap<object, { mech: MechBase; ops: FigureOp[] }>();
  /** Expressions parsed (claims', measures'), by text and names; bounded. */
  readonly exprs = new Map<string, Expr>();
  keepExpr(key: string, e: Expr): void {
    if (this.exprs.size >= 4096) this.exprs.clear();
    this.exprs.set(key, e);
  }
  readonly contexts = new Map<string, SharedContext>();
  contextOf(context: string): SharedContext {
    let d = this.contexts.get(context);
    if (!d) this.contexts.set(context, (d = { defaults: new Map() }));
    return d;
  }
}

/** A mechanism to hand out: the lists linkFallbacks adds to are its own. */
const copyOf = (m: MechBase): MechBase => ({ ...m, conditions: [...m.conditions] });

/** Each mechanism, by its kind's module (ids unique and not reserved). */
function normalizeMechanisms(
  c: Normalizer,
  input: ScenarioInput,
  diags: Diagnostics,
  tree: LMap,
  chain: string[],
  memo?: NormalizeMemo,
): MechBase[] {
  const at = (p: Path, key = false) => c.at(p, key);
  const ids = new Set<string>();
  const RESERVED = new Set(['total', 'perYear', 'after', ...c.govCodes]);
  const list = getEntry(tree, 'mechanisms')?.value;
  const context = contextOf(tree);
  return input.mechanisms.map((m, i) => {
    const p: Path = ['mechanisms', i];
    if (ids.has(m.id)) diags.error('duplicate-id', M.duplicateId('mechanism', m.id), at([...p, 'id']), M.duplicateIdHint);
    if (RESERVED.has(m.id) || /^FY\d+$/i.test(m.id))
      diags.error('reserved-id', M.reservedId(m.id), at([...p, 'id']), M.reservedIdHint);
    ids.add(m.id);
    const kind = KINDS.find((k) => k.kind === m.kind)!;
    const base = {
      id: m.id,
      label: m.label ?? m.id,
      source: m.source,
      loc: at(p),
      path: `mechanisms[${m.id}]`,
      within: m.within,
    };
    const node = list?.kind === 'seq' ? list.items[i] : undefined;
    const token = node && tokenFor(node, i, context, chain);
    const kept = token && memo?.mechs.get(token);
    let out: MechBase;
    if (kept) {
      for (const op of kept.ops)
        if (typeof op === 'string') c.defaultRatio(op);
        else c.figures.push(op);
      out = copyOf(kept.mech);
    } else {
      const before = diags.items.length;
      if (token && memo) c.log = [];
      out = (kind as unknown as { normalize(c: Normalizer, m: unknown, p: Path, b: typeof base): MechBase }).normalize(
        c,
        m,
        p,
        base,
      );
      const ops = c.log;
      c.log = undefined;
      if (token && memo && ops && diags.items.length === before) memo.mechs.set(token, { mech: copyOf(out), ops });
    }
    if (token) setOrigin(out, token);
    return out;
  });
}

/** Fallbacks: the named mechanism runs only when the backing mechanism's own event fails. */
function linkFallbacks(c: Normalizer, input: ScenarioInput, mechanisms: MechBase[], diags: Diagnostics): void {
  for (const m of mechanisms) {
    if (m.fallback === undefined) continue;
    const i = input.mechanisms.findIndex((x) => x.id === m.id);
    const fp: Path = ['mechanisms', i, 'fallback'];
    const target = mechanisms.find((x) => x.id === m.fallback);
    const own = m.events[0];
    if (m.fallback === m.id) diags.error('invalid-fallback', M.fallbackSelf, c.at(fp), M.fallbackHint);
    else if (!target) {
      const dym = didYouMean(
        m.fallback,
        mechanisms.map((x) => x.id),
      );
      diags.error('unknown-fallback', M.unknownFallback(m.fallback), c.at(fp), dym ? M.didYouMean(dym) : M.fallbackHint);
    } else if (target.fallbackOf !== undefined) {
      diags.error('invalid-fallback', M.fallbackTwice(target.id, target.fallbackOf, m.id), c.at(fp), M.fallbackHint);
    } else if (own) {
      target.fallbackOf = m.id;
      target.conditions.push({ event: own.key, holds: false });
    }
  }
}

/** `within`: a mechanism inside another's envelope (counted once); the envelope must exist and not nest. */
function checkWithin(c: Normalizer, input: ScenarioInput, mechanisms: MechBase[], diags: Diagnostics): void {
  for (const m of mechanisms) {
    if (m.within === undefined) continue;
    const i = input.mechanisms.findIndex((x) => x.id === m.id);
    const wp: Path = ['mechanisms', i, 'within'];
    const target = mechanisms.find((x) => x.id === m.within);
    if (!target || target === m || target.within !== undefined) {
      const dym = didYouMean(
        m.within,
        mechanisms.filter((x) => x !== m).map((x) => x.id),
      );
      diags.error(
        'invalid-within',
        M.invalidWithin(m.within, !target ? 'unknown' : target === m ? 'self' : 'nested'),
        c.at(wp),
        dym ? M.didYouMean(dym) : M.withinHint,
      );
    }
  }
}

/** An expression (model/expr.ts) written at `p`, parsed against the plan's names; an error points at its column. */
function exprParser(c: Normalizer, names: Names, diags: Diagnostics, memo?: NormalizeMemo) {
  // Every field of the names (model/paths.ts Names) as one key: those set before this
  // parser is made, then those the plan's measures and tests add to as they are read.
  const fixed = memo && JSON.stringify([names.govs, names.mechs, names.start, names.years, names.calendar === true]);
  const namesKey = () =>
    `${fixed}\n${JSON.stringify([names.measures, [...names.measureUnits], names.tests, [...names.testUnits]])}`;
  return (text: string, p: Path): Expr | undefined => {
    // A parse is a function of the text and the names alone; only parses that succeed are kept.
    const key = memo && `${text}\n${namesKey()}`;
    const known = key === undefined ? undefined : memo!.exprs.get(key);
    if (known) return known;
    const r = parseExpr(text, names);
    if (r.ok && key !== undefined) memo!.keepExpr(key, r.value);
    if (r.ok) return r.value;
    diags.error(
      'unknown-metric',
      `${c.pathText(p)}: ${r.error.message}`,
      subLoc(c.at(p), text, r.error.offset, r.error.length),
      r.error.hint,
    );
    return undefined;
  };
}

/** The plan's own measures; each id joins `names.measures` so later claims may name it. */
function normalizeMeasures(
  c: Normalizer,
  input: ScenarioInput,
  names: Names,
  diags: Diagnostics,
  memo?: NormalizeMemo,
): PlanMeasure[] {
  const parseAt = exprParser(c, names, diags, memo);
  const measures: PlanMeasure[] = [];
  (input.measures ?? []).forEach((me, i) => {
    const p: Path = ['measures', i];
    if (names.measures.includes(me.id))
      diags.error('duplicate-id', M.duplicateId('measure', me.id), c.at([...p, 'id']), M.duplicateIdHint);
    const expr = parseAt(me.sum, [...p, 'sum']);
    names.measures.push(me.id);
    if (expr) {
      names.measureUnits.set(me.id, expr.unit);
      measures.push({ id: me.id, label: me.label, sum: me.sum, expr, refs: refsOf(expr), source: me.source, loc: c.at(p) });
    }
  });
  return measures;
}

/** The plan's target tests (after measures, which they may name; each may name those before it). */
function normalizeTargetTests(c: Normalizer, input: ScenarioInput, names: Names, diags: Diagnostics): TargetTest[] {
  const out: TargetTest[] = [];
  (input.targets?.tests ?? []).forEach((x, i) => {
    const p: Path = ['targets', 'tests', i];
    if (names.tests.includes(x.id))
      diags.error('duplicate-id', M.duplicateId('target test', x.id), c.at([...p, 'id']), M.duplicateIdHint);
    const r = parseTest(x.that, names, ['>=', '<=', '>', '<', '==']);
    names.tests.push(x.id);
    if (!r.ok) {
      const loc = c.at([...p, 'that']);
      diags.error(
        'invalid-target',
        `${c.pathText([...p, 'that'])}: ${r.error.message}`,
        subLoc(loc, x.that, r.error.offset, r.error.length),
        r.error.hint,
      );
      return;
    }
    names.testUnits.set(x.id, testUnit(r.value));
    out.push({
      id: x.id,
      that: x.that,
      test: r.value,
      text: x.text,
      source: x.source,
      basis: x.basis,
      case: x.case ?? 'base',
      loc: c.at(p),
    });
  });
  return out;
}

function normalizeClaims(
  c: Normalizer,
  input: ScenarioInput,
  names: Names,
  events: MechBase['events'],
  diags: Diagnostics,
  memo?: NormalizeMemo,
): Claim[] {
  const at = (p: Path, key = false) => c.at(p, key);
  const parseAt = exprParser(c, names, diags, memo);
  const claimIds = new Set<string>();
  const claims: Claim[] = [];
  (input.claims ?? []).forEach((cl, i) => {
    const p: Path = ['claims', i];
    if (claimIds.has(cl.id)) diags.error('duplicate-id', M.duplicateId('claim', cl.id), at([...p, 'id']), M.duplicateIdHint);
    claimIds.add(cl.id);
    for (const g of cl.each ?? []) if (!c.govCodes.includes(g)) c.checkGov(g, [...p, 'each', g]);
    if (cl.when !== undefined && !events.some((e) => e.key === cl.when)) {
      const keys = events.map((e) => e.key);
      const dym = didYouMean(cl.when, keys);
      diags.error(
        'unknown-name',
        `${c.pathText([...p, 'when'])}: ${M.unknownEvent(cl.when, keys)}`,
        at([...p, 'when']),
        dym ? M.didYouMean(dym) : M.unknownEventHint,
      );
    }
    const tests: ClaimTest[] = [];
    for (const [k, t] of cl.tests.entries()) {
      // A claim may sum metric paths ("a + b"), since a published total may cover some mechanisms only.
      const where: Path = k < (cl.each?.length ?? 1) ? [...p, 'metric'] : [...p, 'also', k - (cl.each?.length ?? 1), 'metric'];
      const expr = parseAt(t.metric, where);
      if (!expr) return;
      tests.push({
        label: t.label,
        metric: t.metric,
        expr,
        refs: refsOf(expr),
        published: t.published,
        publishedText: t.publishedText,
        comparison: t.comparison ?? 'approx',
        tolerance:
          t.tolerance !== undefined
            ? c.fig(t.tolerance as ParsedFigure, where.slice(0, -1).concat('tolerance')).value.base
            : Dec.ZERO,
      });
    }
    const first = tests[0]!;
    claims.push({
      id: cl.id,
      text: cl.text,
      // As written: {gov} stands for each government of `each`.
      metric: cl.metric,
      expr: first.expr,
      refs: first.refs,
      published: first.published,
      publishedText: first.publishedText,
      comparison: first.comparison,
      tolerance: first.tolerance,
      tests,
      when: cl.when,
      identity: cl.identity === true,
      source: cl.source,
      loc: at(p),
    });
  });
  return claims;
}

export function normalize(
  input: ScenarioInput,
  tree: LMap,
  file: string,
  chain: string[],
  diags: Diagnostics,
  memo?: NormalizeMemo,
): Scenario | undefined {
  const before = diags.errors().length;
  const c = new Normalizer(input, tree, diags, chain, memo?.contextOf(contextOf(tree)));
  const at = (p: Path, key = false) => c.at(p, key);
  const pathText = (p: Path) => c.pathText(p);
  const { start, years: N, govCodes, governments } = c;

  const mechanisms = normalizeMechanisms(c, input, diags, tree, chain, memo);
  linkFallbacks(c, input, mechanisms, diags);
  checkWithin(c, input, mechanisms, diags);
  const events = mechanisms.flatMap((m) => m.events);

  // --- targets
  const t = input.targets ?? {};
  const targets = {
    floor: t.floor !== undefined ? c.fig(t.floor, ['targets', 'floor']) : undefined,
    mobilization: t.mobilization !== undefined ? c.fig(t.mobilization, ['targets', 'mobilization']) : undefined,
    includeFollowOn: t.headlineIncludesFollowOn ?? false,
    tests: [] as TargetTest[],
  };

  // --- the plan's own measures, then claims (which may name them)
  const names: Names = {
    govs: govCodes,
    mechs: mechanisms.map((m) => m.id),
    start,
    years: N,
    ...(c.calendar ? { calendar: true } : {}),
    measures: [],
    measureUnits: new Map(),
    tests: [],
    testUnits: new Map(),
  };
  const measures = normalizeMeasures(c, input, names, diags, memo);
  targets.tests = normalizeTargetTests(c, input, names, diags);
  const claims = normalizeClaims(c, input, names, events, diags, memo);

  // --- declared totals and assertions (checked by every command that evaluates)
  const nameCtx = { names, at, pathText, diags };
  const totals = normalizeTotals(input.totals ?? [], nameCtx);
  const assertions = normalizeAssertions(input.assert ?? [], nameCtx);

  // --- present value and real dollars
  const valuation = normalizeValuation(c.assumptions, {
    at,
    pathText,
    yearIndex: (raw, p) => c.yearIndex(raw, p),
    diags,
  });

  const basis = input.scoring?.basis ?? DEFAULT_BASIS;
  const sc = input.scoring ?? {};
  const enactedIndex = sc.enacted === undefined ? undefined : c.yearIndex(sc.enacted, ['scoring', 'enacted']);
  const administrativeCosts = Object.entries(sc.administrativeCosts ?? {}).flatMap(([gov, f]) => {
    const p = ['scoring', 'administrativeCosts', gov];
    if (!c.checkGov(gov, p)) return [];
    const fig = c.fig(f, p);
    if (fig.source === undefined)
      diags.warn('unsourced-administrative-cost', M.unsourcedAdminCost(gov), at(p), M.unsourcedAdminCostHint);
    return [{ gov, fig }];
  });

  if (diags.errors().length > before && diags.hasInputErrors) return undefined;
  // kindOf is the one dispatch; every kind named by the schema has a module.
  for (const m of mechanisms) kindOf(m);
  return {
    ...valuation,
    name: input.name,
    description: input.description,
    file,
    chain,
    horizon: { start, years: N, source: input.horizon.source, ...(c.calendar ? { calendar: true } : {}) },
    ...(c.fiscalYear ? { fiscalYear: c.fiscalYear } : {}),
    governments,
    currency: c.currency,
    exchangeRates: c.exchangeRates,
    mechanisms,
    events,
    targets,
    measures,
    claims,
    totals,
    assertions,
    figures: c.figures,
    ...normalizeCorrelations(input.correlations, c, c.figures, events),
    curves: c.curves,
    sources: (input.sources ?? []).map((d, i) => ({
      ...d,
      date: d.date === undefined ? undefined : String(d.date),
      // The file is relative to the file that wrote it (an extending file may set it).
      loc: at(d.file === undefined ? ['sources', i] : ['sources', i, 'file']),
    })),
    basis,
    ...(enactedIndex === undefined
      ? {}
      : { enacted: { index: enactedIndex, source: sc.enactedSource, loc: at(['scoring', 'enacted']) } }),
    ...(administrativeCosts.length > 0 ? { administrativeCosts } : {}),
  };
}

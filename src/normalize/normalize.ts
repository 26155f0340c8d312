// Turns the validated scenario-as-written into the typed Scenario: parses figures,
// resolves years against the horizon, names against assumptions, applies defaults,
// and checks the rules that need the whole file. Problems are diagnostics, not throws.
import { parseFigure, type Ranged } from '../core/amount.js';
import { didYouMean, type Diagnostics } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { LMap } from '../read/tree.js';
import { parseMetricPath, metricUnit } from '../measure/paths.js';
import { normalizeAssertions, normalizeTotals } from './assertions.js';
import type { ScenarioInput } from '../validate/schema.js';
import type { Claim, Mech, Scenario } from './types.js';
import { normalizeValuation } from './valuation.js';
import { Normalizer, type Path } from './context.js';
import { mechanism } from './mechanisms.js';

export function normalize(
  input: ScenarioInput,
  tree: LMap,
  file: string,
  chain: string[],
  diags: Diagnostics,
): Scenario | undefined {
  const before = diags.errors().length;
  const c = new Normalizer(input, tree, diags);
  const at = (p: Path, key = false) => c.at(p, key);
  const pathText = (p: Path) => c.pathText(p);
  const { start, years: N, govCodes, governments } = c;

  // --- mechanisms
  const ids = new Set<string>();
  const RESERVED = new Set(['total', 'perYear', 'after', ...govCodes]);
  const mechanisms: Mech[] = input.mechanisms.map((m, i) => {
    const p: Path = ['mechanisms', i];
    if (ids.has(m.id)) diags.error('duplicate-id', M.duplicateId('mechanism', m.id), at([...p, 'id']), M.duplicateIdHint);
    if (RESERVED.has(m.id) || /^FY\d+$/i.test(m.id))
      diags.error('reserved-id', M.reservedId(m.id), at([...p, 'id']), M.reservedIdHint);
    ids.add(m.id);
    return mechanism(c, m, p);
  });

  // Fallbacks: the named mechanism runs only when its project's study fails.
  for (const m of mechanisms) {
    if (m.kind !== 'gated-project' || m.fallback === undefined) continue;
    const i = input.mechanisms.findIndex((x) => x.id === m.id);
    const fp: Path = ['mechanisms', i, 'fallback'];
    const target = mechanisms.find((x) => x.id === m.fallback);
    if (m.fallback === m.id) diags.error('invalid-fallback', M.fallbackSelf, at(fp), M.fallbackHint);
    else if (!target) {
      const dym = didYouMean(
        m.fallback,
        mechanisms.map((x) => x.id),
      );
      diags.error('unknown-fallback', M.unknownFallback(m.fallback), at(fp), dym ? M.didYouMean(dym) : M.fallbackHint);
    } else if (target.fallbackOf !== undefined) {
      diags.error('invalid-fallback', M.fallbackTwice(target.id, target.fallbackOf, m.id), at(fp), M.fallbackHint);
    } else target.fallbackOf = m.id;
  }

  // --- targets
  const t = input.targets ?? {};
  const targets = {
    floor: t.floor !== undefined ? c.sourced(t.floor, 'amount', ['targets', 'floor']) : undefined,
    mobilization: t.mobilization !== undefined ? c.sourced(t.mobilization, 'amount', ['targets', 'mobilization']) : undefined,
    includeFollowOn: t.headlineIncludesFollowOn ?? false,
  };

  // --- claims
  const claimIds = new Set<string>();
  const mechIds = mechanisms.map((m) => m.id);
  const claims: Claim[] = [];
  (input.claims ?? []).forEach((cl, i) => {
    const p: Path = ['claims', i];
    if (claimIds.has(cl.id)) diags.error('duplicate-id', M.duplicateId('claim', cl.id), at([...p, 'id']), M.duplicateIdHint);
    claimIds.add(cl.id);
    // A claim may sum metric paths ("a + b"), since a published total may cover some mechanisms only.
    const terms = cl.metric.split('+').map((x) => x.trim());
    const bad = terms.map((t) => parseMetricPath(t, govCodes, mechIds, start, N)).find((r) => !r.ok);
    if (bad && !bad.ok) {
      diags.error('unknown-metric', `${pathText([...p, 'metric'])}: ${bad.message}`, at([...p, 'metric']), bad.hint);
      return;
    }
    const unit = metricUnit(terms[0]!);
    if (terms.length > 1 && terms.some((t) => metricUnit(t) !== 'amount')) {
      diags.error('unknown-metric', `${pathText([...p, 'metric'])}: ${M.claimSumUnits}`, at([...p, 'metric']), M.claimSumHint);
      return;
    }
    let published: Ranged | boolean;
    if (unit === 'boolean') {
      if (typeof cl.published !== 'string' || !/^(true|false)$/.test(cl.published)) {
        diags.error('invalid-figure', M.publishedUnit(String(cl.published), unit), at([...p, 'published']), M.booleanHint);
        return;
      }
      published = cl.published === 'true';
    } else {
      const r = parseFigure(cl.published, unit);
      if (!r.ok) {
        diags.error(
          'invalid-figure',
          `${pathText([...p, 'published'])}: ${M.publishedUnit(String(cl.published), unit)}: ${r.message}`,
          at([...p, 'published']),
          r.hint,
        );
        return;
      }
      published = r.value;
    }
    claims.push({
      id: cl.id,
      text: cl.text,
      metric: cl.metric,
      published,
      publishedText: String(cl.published),
      comparison: cl.comparison ?? 'approx',
      tolerance: cl.tolerance !== undefined ? c.fig(cl.tolerance, 'rate', [...p, 'tolerance']).value.base : Dec.ZERO,
      source: cl.source,
      loc: at(p),
    });
  });

  // --- declared totals and assertions (checked by `check`)
  const nameCtx = { govs: govCodes, mechs: mechIds, start, years: N, at, pathText, diags };
  const totals = normalizeTotals(input.totals ?? [], nameCtx);
  const assertions = normalizeAssertions(input.assert ?? [], nameCtx);

  // --- present value and real dollars
  const valuation = normalizeValuation(c.assumptions, { at, pathText, yearIndex: (raw, p) => c.yearIndex(raw, p), diags });

  if (diags.errors().length > before && diags.hasInputErrors) return undefined;
  return {
    ...valuation,
    name: input.name,
    description: input.description,
    file,
    chain,
    horizon: { start, years: N, source: input.horizon.source },
    governments,
    mechanisms,
    targets,
    claims,
    totals,
    assertions,
    figures: c.figures,
  };
}

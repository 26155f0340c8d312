// `run --format json`: a stable, versioned document for scripts. Amounts are USD
// millions as decimal strings (exact to the dollar); ratios are decimal strings.
import { type Dec, millions } from '../core/money.js';
import { FLOW_KINDS } from '../compute/ledger.js';
import type { Evaluation } from '../pipeline.js';
import { MONEY_METRICS, type MoneyMetric } from '../measure/paths.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { isActive } from '../compute/engine.js';
import { valuationJson } from './valuation.js';

export const JSON_VERSION = 1;

const ratio = (x: Dec | null): string | null => (x === null ? null : x.toPlain(6));

export function yearLabel(start: number, y: number, years: number): string {
  return y >= years ? 'after' : `FY${start + y}`;
}

export function claimValue(x: Dec | boolean | null, metric: string): string | boolean | null {
  if (x === null || typeof x === 'boolean') return x;
  return metric.startsWith('leverage') || metric.endsWith('yearsMet') ? x.toPlain(6) : millions(x);
}

export function publishedText(p: { low: Dec; high: Dec } | boolean, metric: string): string | boolean {
  if (typeof p === 'boolean') return p;
  const f = (x: Dec) => claimValue(x, metric) as string;
  return p.low.eq(p.high) ? f(p.low) : `${f(p.low)}-${f(p.high)}`;
}

export function toJson(ev: Evaluation, warnings: Diagnostic[] = []): unknown {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const scopes = [...govs, 'total'];
  const slots = Array.from({ length: N + 1 }, (_, y) => y);

  const moneyBlock = (metric: MoneyMetric) => {
    const o: Record<string, unknown> = {};
    for (const sc of scopes) o[sc] = millions(m.money(metric, sc));
    o.byMechanism = Object.fromEntries(
      s.mechanisms.map((mech) => [mech.id, Object.fromEntries(scopes.map((sc) => [sc, millions(m.money(metric, sc, mech.id))]))]),
    );
    o.byYear = Object.fromEntries(
      slots.map((y) => [
        yearLabel(s.horizon.start, y, N),
        Object.fromEntries(scopes.map((sc) => [sc, millions(m.money(metric, sc, undefined, y))])),
      ]),
    );
    return o;
  };
  const metrics: Record<string, unknown> = {};
  for (const metric of MONEY_METRICS) if (metric !== 'headlineMobilization') metrics[metric] = moneyBlock(metric);
  metrics.headlineMobilization = millions(m.money('headlineMobilization'));
  metrics.headlineMobilizationDetail = moneyBlock('headlineMobilization');
  metrics.leverage = Object.fromEntries(
    (['commitment', 'budget'] as const).map((basis) => [
      basis,
      {
        ...Object.fromEntries(scopes.map((sc) => [sc, ratio(m.leverage(basis, sc))])),
        byMechanism: Object.fromEntries(s.mechanisms.map((mech) => [mech.id, ratio(m.leverage(basis, 'total', mech.id))])),
      },
    ]),
  );
  const floorAmount = m.floorAmount();
  metrics.floor = {
    amount: floorAmount === null ? null : millions(floorAmount),
    ...Object.fromEntries(
      govs.map((g) => [
        g,
        Object.fromEntries(
          (['appropriated', 'commitment'] as const).map((basis) => {
            const f = m.floor(g, basis);
            return [
              basis,
              {
                met: f.met,
                everyYear: f.everyYear,
                average: millions(f.average),
                yearsMet: f.yearsMet,
                shortfall: f.shortfall === null ? null : millions(f.shortfall),
                byYear: Object.fromEntries(
                  f.byYear.map((v, y) => [yearLabel(s.horizon.start, y, N), { amount: millions(v), met: f.yearMet[y] }]),
                ),
              },
            ];
          }),
        ),
      ]),
    ),
  };
  const t = m.target();
  metrics.target = {
    amount: t.target === null ? null : millions(t.target),
    headline: millions(t.headline),
    met: t.met,
    shortfall: t.shortfall === null ? null : millions(t.shortfall),
  };

  return {
    version: JSON_VERSION,
    units: { amounts: 'USD millions', ratios: 'private dollars per public dollar' },
    scenario: {
      name: s.name,
      file: s.file,
      extends: s.chain.slice(1),
      case: ev.case,
      horizon: { start: `FY${s.horizon.start}`, end: `FY${s.horizon.start + N - 1}`, years: N },
      governments: s.governments,
      mechanisms: s.mechanisms.map((x) => ({
        id: x.id,
        kind: x.kind,
        label: x.label,
        budget: x.budget,
        active: isActive(s, x),
        fallbackOf: x.fallbackOf ?? null,
        source: x.source ?? null,
      })),
      headlineIncludesFollowOn: s.targets.includeFollowOn,
    },
    metrics,
    ...(s.discount || s.inflation ? { presentValue: valuationJson(ev) } : {}),
    claims: ev.claims.map((c) => ({
      id: c.claim.id,
      text: c.claim.text ?? null,
      metric: c.claim.metric,
      comparison: c.claim.comparison,
      tolerance: c.claim.tolerance.toPlain(6),
      published: publishedText(c.claim.published, c.claim.metric),
      computed: claimValue(c.computed, c.claim.metric),
      difference: c.difference === null ? null : claimValue(c.difference, c.claim.metric),
      holds: c.holds,
      source: c.claim.source ?? null,
    })),
    flows: [...ev.ledger.entries()].map((e) => ({
      year: yearLabel(s.horizon.start, e.y, N),
      government: govs[e.g],
      mechanism: s.mechanisms[e.m]!.id,
      flow: e.kind,
      amount: millions(e.amount),
    })),
    flowKinds: FLOW_KINDS,
    warnings: warnings.map((d) => ({
      code: d.code,
      message: d.message,
      file: d.loc?.file ?? null,
      line: d.loc?.line ?? null,
      col: d.loc?.col ?? null,
    })),
  };
}

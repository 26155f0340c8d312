// The report of one evaluation (run, report, xlsx): headline metrics, the floor on every
// scoring basis and the target, mechanisms, claims, flows by year, charts and inputs.
// Every label comes from the metric registry or the scenario (its horizon, its governments).
// Each section is a module in ./sections (listed in sections/index.ts); this file adds the
// meta lines, the highlight cards and the footer.
import { millionsOf, unitWord } from '../core/currency.js';
import { displayMillions } from '../core/money.js';
import type { Evaluation } from '../measure/evaluate.js';
import { BASES, basesFor } from '../model/bases.js';
import { monthName, ownYears, planFiscalStart } from '../model/fiscal.js';
import { floorReadingLabel } from '../model/metrics.js';
import { probabilityAssumed, type Scenario, yearName } from '../model/scenario.js';
import type { SimResult } from '../simulate/simulate.js';
import { money, ptr, type Report, type Section, text } from './model.js';
import { type Fan, ownBooksNote, type RunContext, runContext } from './sections/context.js';
import { assumedLine } from './assumed.js';
import { claimCounts } from './sections/claims.js';
import { RUN_SECTIONS } from './sections/index.js';
import { metricText } from './values.js';

export { type Fan, horizonText, yearLabel } from './sections/context.js';

/** Where the numbers come from and what they assume, under the title. */
function metaLines({ ev, s, m, horizon }: RunContext): string[] {
  const meta = [
    `${s.file}${s.chain.length > 1 ? ` (extends ${s.chain.slice(1).join(' -> ')})` : ''} · case: ${ev.case} · ${horizon}${fiscalNote(s)} · ${millionsOf(s.currency)} · scoring basis: ${m.basis.id}${ownBooksNote(s, m.basis.id)}`,
  ];
  const odds = (e: (typeof s.events)[number]) =>
    e.probability
      ? ` (p = ${e.probability.value.base.times(100).toPlain(2)}%${probabilityAssumed(e) ? ", the scenario author's assumption" : ''})`
      : '';
  const assumed = assumedLine(s);
  if (assumed) meta.push(assumed);
  if (s.events.length)
    meta.push(
      `Assumes as written: ${s.events.map((e) => `${e.swing} ${e.words[e.holds ? 1 : 0]}${odds(e)}`).join('; ')}. See \`simulate\` for the odds.`,
    );
  return meta;
}

/** When the plan's fiscal years start, where the file states it or a sponsor's years differ: " (fiscal years from April)". */
function fiscalNote(s: Scenario): string {
  if (s.horizon.calendar || (!s.fiscalYear && !s.governments.some((g) => ownYears(s, g)))) return '';
  return ` (fiscal years from ${monthName(planFiscalStart(s))})`;
}

/** The floor's verdicts of one government, a card: the average test on each reading, the years met. */
function floorCard({ s, m, N, govName, floor }: RunContext, g: string): Report['highlights'][number] {
  const readings = [
    ...basesFor(s.governments.find((x) => x.code === g)!).map((b) => ({
      label: floorReadingLabel('appropriated', b.label),
      f: m.floor(g, 'appropriated', BASES.indexOf(b)),
    })),
    { label: floorReadingLabel('commitment', ''), f: m.floor(g, 'commitment') },
  ];
  const met = readings.filter((r) => r.f.met).length;
  return {
    label: `Floor, ${govName(g)} (at least ${displayMillions(floor!)} a year)`,
    value: text(`met on ${met} of ${readings.length} readings`),
    note: readings.map((r) => `${r.label}: ${r.f.met ? 'MET' : 'NOT MET'} (${r.f.yearsMet}/${N} years)`).join('; '),
  };
}

/**
 * The budget cost card. Each sponsor's budget is its own (another treasury, perhaps another
 * currency): with several, the card's figure is their sum for reference, said so, and the
 * note gives each sponsor's own.
 */
function budgetCard({ s, m, govs, govName, horizon }: RunContext): Report['highlights'][number] {
  const value = money(m.money('budgetCost'), ptr('metrics', 'budgetCost', 'total'));
  // A sponsor the basis does not apply to is in it on its own books: said so.
  const own = ownBooksNote(s, m.basis.id);
  if (govs.length === 1)
    return { label: `Budget cost (${horizon})`, value, note: `${m.basis.label} basis, ${govName(govs[0]!)}${own}` };
  const each = govs.map((g) => `${govName(g)} ${displayMillions(m.money('budgetCost', g))}`).join('; ');
  return {
    label: `Budget cost (${horizon}), ${govs.length} sponsors combined for reference`,
    value,
    note: `${m.basis.label} basis${own}; each sponsor's own budget: ${each} (their sum is not one budget)`,
  };
}

/** The cards at the top of the report: the headline figures and every verdict the plan has. */
function highlights(rc: RunContext): Report['highlights'] {
  const { s, ev, m, govs, horizon, target: t, floor } = rc;
  const priv = m.target('private');
  const allPublic = m.money('privateMobilized').isZero();
  const targetNote =
    t.target === null
      ? ''
      : `target ${displayMillions(t.target)}: ${t.met ? 'MET' : 'NOT MET'}; on private capital only (${displayMillions(priv.headline)}): ${priv.met ? 'MET' : 'NOT MET'}`;
  return [
    {
      label: `Headline mobilization (${horizon})`,
      value: money(t.headline, ptr('metrics', 'headlineMobilization')),
      note: [targetNote, allPublic ? 'all of it public money: no private capital is mobilized' : '']
        .filter((x) => x !== '')
        .join('. '),
    },
    ...(floor === null ? [] : govs.map((g) => floorCard(rc, g))),
    budgetCard(rc),
    {
      label: 'Private capital mobilized',
      value: money(m.money('privateMobilized'), ptr('metrics', 'privateMobilized', 'total')),
      note: `${metricText(m.ratio('leverage.commitment'), { kind: 'ratio', metric: 'leverage.commitment', gov: null })} per committed public ${unitWord(s.currency)}`,
    },
    // No claims, no card ("0 of 0" says nothing).
    ...(ev.claims.length
      ? [
          {
            label: 'Published claims',
            value: text(`${ev.claims.filter((c) => c.verdict === 'holds').length} of ${ev.claims.length}`),
            note: `hold against the model (${m.basis.label} basis); ${claimCounts(ev.claims).split(', ').slice(1).join(', ')}`,
          },
        ]
      : []),
  ];
}

export function buildRunReport(ev: Evaluation, opts: { fan?: Fan } = {}): Report {
  const rc = runContext(ev, opts.fan);
  const sections = RUN_SECTIONS.map((x) => x.build(rc)).filter((x): x is Section => x !== undefined);
  return {
    title: rc.s.name,
    meta: metaLines(rc),
    highlights: highlights(rc),
    sections,
    footer: [
      `Generated by compact-model from ${rc.s.file}. Numbers match \`compact-model run --format json --case ${ev.case}\`.`,
    ],
  };
}

/** The fan of cumulative headline mobilization from a simulation run with `yearly`. */
export function fanOf(s: Scenario, r: SimResult, seed: number): Fan {
  const years = Array.from({ length: s.horizon.years }, (_, y) => yearName(s.horizon, y));
  const at = (fy: string) => r.summaries.get(`cumulative.headlineMobilization.total.${fy}`)!;
  const m = (x: number) => Number((x / 1e6).toFixed(3));
  return {
    label: 'Cumulative headline mobilization, simulated',
    runs: r.trials,
    seed,
    years,
    p5: years.map((y) => m(at(y).p5)),
    p50: years.map((y) => m(at(y).p50)),
    p95: years.map((y) => m(at(y).p95)),
  };
}

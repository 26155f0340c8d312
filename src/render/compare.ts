// compare for scripts and spreadsheets: the versioned JSON document (every value exact, as
// each scenario's own `run --format json` has it) and a tidy CSV (one row per figure and
// option). The people's formats render the report model (report/compare.ts).
import type { Diagnostic } from '../core/diagnostics.js';
import { millionsOf } from '../core/currency.js';
import { type Dec, millions } from '../core/money.js';
import type { Answer, Change, Comparison, RowSpec } from '../measure/compare.js';
import { type CompareSimulation, letter, simulatedTests } from '../report/compare.js';
import { pairedDifferences } from '../simulate/simulate.js';
import { wilson } from '../simulate/stats.js';
import { type CsvValue, toCsv } from './csv.js';
import { yearName } from '../model/scenario.js';

export const COMPARE_JSON_VERSION = 1;

const figure = (x: Dec, spec: RowSpec) =>
  spec.unit === 'amount' ? millions(x) : spec.unit === 'count' ? x.toNumber() : x.toPlain(6);
const valueJson = (a: Answer, spec: RowSpec) =>
  'na' in a ? null : typeof a.value === 'boolean' || a.value === null ? a.value : figure(a.value, spec);

function changeJson(c: Change | null, spec: RowSpec) {
  if (c === null) return null;
  return {
    change: c.change === null ? null : spec.unit === 'amount' ? millions(c.change) : c.change.toPlain(6),
    percent: c.pct === null ? null : c.pct.toPlain(6),
    changed: c.changed,
    ...(c.na !== undefined ? { note: c.na } : {}),
  };
}

const UNIT = { amount: 'millions', ratio: 'ratio', count: 'count', boolean: 'verdict' } as const;

export interface Unusable {
  file: string;
  diagnostics: Diagnostic[];
}

function simulationJson(cmp: Comparison, sim: CompareSimulation) {
  const base = sim.results[cmp.baseline]!;
  return {
    trials: sim.trials,
    seed: sim.seed,
    commonRandomNumbers: true,
    tests: simulatedTests(sim, cmp.baseline).map((t) => ({
      test: t,
      options: sim.results.map((r, i) => {
        const k = r.counts.get(t);
        if (k === undefined) return null;
        const kb = base.counts.get(t);
        return {
          probability: k / r.trials,
          interval: wilson(k, r.trials),
          change: i === cmp.baseline || kb === undefined ? null : (k - kb) / r.trials,
        };
      }),
    })),
    headline: sim.results.map((r, i) => {
      const s = r.summaries.get('headlineMobilization.total')!;
      const d = i === cmp.baseline ? undefined : pairedDifferences(r, base).get('headlineMobilization.total');
      return {
        mean: s.mean / 1e6,
        standardError: s.se / 1e6,
        change: d ? d.mean / 1e6 : null,
        changeStandardError: d ? d.se / 1e6 : null,
      };
    }),
  };
}

export function compareJson(cmp: Comparison, unusable: Unusable[], sim?: CompareSimulation): unknown {
  const evs = cmp.evaluations;
  return {
    version: COMPARE_JSON_VERSION,
    units: {
      amounts: `${millionsOf(evs[cmp.baseline]!.scenario.currency)} (each option in its own currency: options[].currency)`,
      ratios: 'private money per unit of public money',
      percent: 'percent of the reference',
    },
    case: evs[cmp.baseline]!.case,
    baseline: cmp.baseline,
    options: evs.map((ev, i) => ({
      option: letter(i),
      name: ev.scenario.name,
      file: ev.scenario.file,
      horizon: {
        start: yearName(ev.scenario.horizon, 0),
        end: yearName(ev.scenario.horizon, ev.scenario.horizon.years - 1),
        years: ev.scenario.horizon.years,
      },
      governments: ev.scenario.governments.map((g) => g.code),
      currency: ev.scenario.currency,
      basis: ev.scenario.basis,
    })),
    rows: cmp.rows.map((r) => ({
      path: r.spec.path,
      basis: r.spec.basis,
      label: r.spec.label,
      unit: UNIT[r.spec.unit],
      runJson: r.spec.json ?? null,
      values: r.answers.map((a) => valueJson(a, r.spec)),
      notAvailable: r.answers.map((a) => ('na' in a ? a.na : null)),
      changes: r.changes.map((c) => changeJson(c, r.spec)),
    })),
    notes: cmp.notes,
    ...(sim ? { simulation: simulationJson(cmp, sim) } : {}),
    unusable: unusable.map((u) => ({
      file: u.file,
      diagnostics: u.diagnostics.map((d) => ({
        severity: d.severity,
        code: d.code,
        message: d.message,
        file: d.loc?.file ?? null,
        line: d.loc?.line ?? null,
        col: d.loc?.col ?? null,
      })),
    })),
  };
}

export const COMPARE_CSV_HEADER = [
  'option',
  'file',
  'path',
  'basis',
  'label',
  'unit',
  'value',
  'change',
  'percent',
  'changed',
  'note',
];

/** One row per figure and option; the reference's change fields are empty. */
export function compareCsv(cmp: Comparison): string {
  const rows: CsvValue[][] = [];
  for (const r of cmp.rows)
    r.answers.forEach((a, i) => {
      const c = changeJson(r.changes[i] ?? null, r.spec);
      rows.push([
        letter(i),
        cmp.evaluations[i]!.scenario.file,
        r.spec.path,
        r.spec.basis ?? '',
        r.spec.label,
        UNIT[r.spec.unit],
        valueJson(a, r.spec),
        c?.change,
        c?.percent,
        c?.changed,
        'na' in a ? a.na : c?.note,
      ]);
    });
  return toCsv(COMPARE_CSV_HEADER, rows);
}

// Normalizes assumptions.discount and assumptions.inflation: the settings behind
// present values and real (constant-dollar) figures.
import type { Ranged } from '../core/amount.js';
import type { Diagnostics, Loc } from '../core/diagnostics.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { ScenarioInput } from '../validate/schema.js';
import type { Discount, Inflation, Scenario } from '../model/scenario.js';

type Path = (string | number)[];
interface Ctx {
  at(p: Path): Loc;
  pathText(p: Path): string;
  yearIndex(raw: unknown, p: Path): number | undefined;
  diags: Diagnostics;
}

const rate = (x: Ranged): Dec => x.base;

export function normalizeValuation(
  a: NonNullable<ScenarioInput['assumptions']>,
  c: Ctx,
): { discount?: Discount; inflation?: Inflation } {
  const out: { discount?: Discount; inflation?: Inflation } = {};
  const d = a.discount;
  if (d !== undefined) {
    const p: Path = ['assumptions', 'discount'];
    if ('base' in d && !('byMaturity' in d) && !('rate' in d))
      out.discount = { byMaturity: [{ years: 1, rate: rate(d) }], loc: c.at(p) };
    else {
      const o = d as {
        rate?: Ranged;
        byMaturity?: Record<string, Ranged>;
        source?: string;
        terms?: 'nominal' | 'real';
        timing?: 'end-of-year' | 'mid-year';
      };
      if (o.terms === 'real')
        c.diags.warn(
          'real-discount-rate',
          `${c.pathText([...p, 'terms'])}: ${M.realDiscount}`,
          c.at([...p, 'terms']),
          M.realDiscountHint,
        );
      const rows: { years: number; rate: Dec }[] = [];
      for (const [k, v] of Object.entries(o.byMaturity ?? {})) {
        const n = Number(k);
        if (!Number.isInteger(n) || n < 1 || n > 100) {
          c.diags.error(
            'invalid-maturity',
            `${c.pathText([...p, 'byMaturity', k])}: ${M.discountMaturity(k)}`,
            c.at([...p, 'byMaturity', k]),
            M.discountHint,
          );
          continue;
        }
        rows.push({ years: n, rate: rate(v) });
      }
      // One rate wins over a table: it is the same rate at every maturity.
      if (o.rate !== undefined) rows.splice(0, rows.length, { years: 1, rate: rate(o.rate) });
      if (rows.length === 0) c.diags.error('missing-key', `${c.pathText(p)}: ${M.discountEmpty}`, c.at(p), M.discountHint);
      else
        out.discount = {
          byMaturity: rows.sort((x, y) => x.years - y.years),
          source: o.source,
          loc: c.at(p),
          ...(o.timing === 'mid-year' ? { midYear: true } : {}),
        };
    }
  }
  const inf = a.inflation;
  if (inf !== undefined) {
    const p: Path = ['assumptions', 'inflation'];
    if (!('rate' in inf)) out.inflation = { rate: rate(inf), base: 0, loc: c.at(p) };
    else {
      const o = inf as { rate: Ranged; base?: unknown; source?: string };
      const base = o.base !== undefined ? c.yearIndex(o.base, [...p, 'base']) : 0;
      out.inflation = { rate: rate(o.rate), base: base ?? 0, source: o.source, loc: c.at(p) };
    }
  }
  return out;
}

/** Where a setting given on the command line is said to come from. */
const CLI_LOC = { file: '<command line>', line: 1, col: 1 };

/** --discount and --inflation win over the scenario's assumptions. */
export function withValuation(s: Scenario, o: { discount?: Dec; inflation?: Dec }): Scenario {
  return {
    ...s,
    ...(o.discount !== undefined
      ? { discount: { byMaturity: [{ years: 1, rate: o.discount }], source: '--discount', loc: CLI_LOC } }
      : {}),
    ...(o.inflation !== undefined ? { inflation: { rate: o.inflation, base: 0, source: '--inflation', loc: CLI_LOC } } : {}),
  };
}

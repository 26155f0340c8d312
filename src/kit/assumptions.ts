// The `assumptions:` block of a scenario: named curves and the defaults every mechanism
// can use (a kit normalize's context reads, below the mechanism kinds).
import * as z from 'zod';
import { obj, once, parts, scalarFigure, sourced } from './figures.js';

/** The `assumptions:` schema (built on first use, with the rest of the schema). */
export const assumptions = once(() => {
  const { distributions, drawdown, drawdownObject, note, profile, profileObject, source, year } = parts();
  const discount = z.union([
    scalarFigure('rate'),
    obj({
      rate: scalarFigure('rate').optional().meta({ description: 'One rate for every maturity' }),
      byMaturity: z.record(z.string(), scalarFigure('rate')).optional().meta({
        description:
          "Rates by maturity in years, e.g. { 1: 4.1%, 5: 4.0%, 10: 4.3% } (as OMB's Treasury-rate tables for credit programs); linear between, flat beyond",
      }),
      terms: z.enum(['nominal', 'real']).optional().meta({
        description:
          'Whether the rate is nominal or real (OMB Circular A-94 publishes both); flows are nominal, so a real rate draws a warning',
      }),
      timing: z.enum(['end-of-year', 'mid-year']).optional().meta({
        description: 'When in each fiscal year flows are discounted from: end-of-year (default) or mid-year (A-94 practice)',
      }),
      source: source.optional(),
      note: note.optional(),
    }),
  ]);

  const inflation = z.union([
    scalarFigure('rate'),
    obj({
      rate: scalarFigure('rate'),
      base: year
        .optional()
        .meta({ description: 'Year whose dollars real figures are in (default: the first year of the horizon)' }),
      source: source.optional(),
      note: note.optional(),
    }),
  ]);

  return obj({
    profiles: z.record(z.string(), profileObject).optional().meta({ description: 'Named spend-out and disbursement profiles' }),
    drawdowns: z.record(z.string(), drawdownObject).optional().meta({ description: 'Named capital-call curves for LP funds' }),
    spendOut: profile.optional().meta({ description: 'Default spend-out profile for appropriated grants and projects' }),
    disbursement: profile.optional().meta({ description: 'Default disbursement profile for loans' }),
    drawdown: drawdown.optional().meta({ description: 'Default drawdown curve for LP fund waves' }),
    subsidyRate: sourced('rate', { signed: true, atMostOne: true })
      .optional()
      .meta({ description: 'Default credit subsidy rate' }),
    crowdIn: sourced('ratio').optional().meta({ description: 'Default private LP money per public LP dollar' }),
    followOn: sourced('ratio').optional().meta({ description: 'Default private follow-on per grant dollar' }),
    coInvest: sourced('ratio').optional().meta({ description: 'Default private co-investment per equity dollar' }),
    coFinance: sourced('ratio').optional().meta({ description: 'Default private co-finance per loan or project dollar' }),
    distributions: distributions.optional().meta({ description: 'Default distributions of equity vehicles' }),
    discount: discount.optional().meta({ description: 'Discount rate for present values (end-of-year convention)' }),
    inflation: inflation
      .optional()
      .meta({ description: 'Inflation rate for real (constant-dollar) figures; amounts are read as nominal' }),
  });
});
export type AssumptionsInput = z.output<ReturnType<typeof assumptions>>;

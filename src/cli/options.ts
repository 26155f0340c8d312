// What every command shares of the command line: the context a command writes its exit
// code to, and the parsers of options several commands take (kept apart from program.ts,
// which registers the commands, so commands never import it).
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseFigure } from '../core/amount.js';
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import { BASIS_IDS } from '../model/bases.js';
import type { IO } from './io.js';

export interface Ctx {
  io: IO;
  exitCode: number;
}

export function choice(options: string[]) {
  return (value: string): string => {
    if (!options.includes(value)) throw new InvalidArgumentError(M.choice(options));
    return value;
  };
}

/** A whole number option in [min, max] (underscores allowed: 100_000). */
export function intOption(min: number, max: number, message: string) {
  return (v: string): number => {
    const n = Number(v.replace(/_/g, ''));
    if (!/^\d[\d_]*$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(message);
    return n;
  };
}

/**
 * A single rate option such as 3% or 0.03 (--discount, --inflation), held to the
 * scenario format's rule: never negative (-100% made every present value infinite).
 */
export function rateOption(v: string): Dec {
  const r = parseFigure(v, 'rate');
  if (!r.ok || !r.value.low.eq(r.value.high)) throw new InvalidArgumentError(M.rateOption(v));
  if (r.value.base.isNeg()) throw new InvalidArgumentError(M.rateOptionNegative(v));
  return r.value.base;
}

/** An amount above zero in USD (10M, $10M; a bare number is millions, as tables show them): --precision. */
export function amountOption(v: string): number {
  const bare = /^\d+(\.\d+)?$/.test(v.trim());
  const r = parseFigure(bare ? `${v.trim()}M` : v, 'amount');
  if (!r.ok || !r.value.low.eq(r.value.high) || !r.value.base.gt(Dec.ZERO)) throw new InvalidArgumentError(M.precisionOption(v));
  return r.value.base.toNumber();
}

/** --width N: the columns tables are laid out for. */
export const widthOption = [
  '--width <n>',
  "lay tables out for N columns (default: the terminal's width, or 100 when not a terminal)",
] as const;
export const parseWidth = (v: string) => intOption(40, 1000, M.widthOption)(v);

/** --basis NAME: the scoring basis budget cost is reported on. */
export const basisOption = (c: Command) =>
  c.option(
    '--basis <name>',
    `scoring basis of budget cost: ${BASIS_IDS.slice(0, -1).join(', ')} or ${BASIS_IDS[BASIS_IDS.length - 1]} (default: the scenario's scoring.basis, else as-published; a sponsor it does not apply to is read on its own books)`,
    choice(BASIS_IDS),
  );

/** --case: which end of every range to use (`inBoth`: diff's wording, for two scenarios). */
export const caseOption = (inBoth = false) =>
  new Option('--case <case>', `which end of every range to use${inBoth ? ', in both' : ''}: low, base or high`)
    .argParser(choice(['low', 'base', 'high']))
    .default('base');

export const VERSION = '0.1.0';

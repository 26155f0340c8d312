// CSV for spreadsheets and scripts (RFC 4180: CRLF line ends, fields quoted when they
// hold a comma, quote or line break, quotes doubled). A shared writer: `run` uses
// ledgerCsv; `diff` and `simulate` can build their rows and call toCsv.
import { amountColumn } from '../core/currency.js';
import { millions } from '../core/money.js';
import { forCsvText } from '../core/text.js';
import type { Evaluation } from '../measure/evaluate.js';
import { FLOW_ORDER } from '../model/flows.js';
import { yearLabel } from '../report/run.js';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field, quoted only when it must be (and when it starts with a space, so it survives
 * trimming readers). Text is made visible (core/text.ts forCsvText), and text that a
 * spreadsheet would read as a formula (=, +, -, @ not followed by a number) is prefixed
 * with ' (OWASP CSV injection), so opening the file runs nothing.
 */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? forCsvText(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@]/.test(s) && !/^[-+]?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(fields: CsvValue[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** A whole document: the header row, then the rows. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return csvRow(header) + rows.map(csvRow).join('');
}

/**
 * The ledger's columns; amounts in the plan's currency (`amount_musd` for dollars, as always),
 * `basis` last (added after the amount, so existing column positions hold): budget flows are read on it.
 */
export function ledgerHeader(currency: string): string[] {
  return ['year', 'government', 'mechanism', 'flow', amountColumn(currency), 'basis'];
}

/** The ledger's tidy rows: one per non-zero flow, in the ledger's stable order (as `flows` in the JSON). */
export function ledgerRows(ev: Evaluation): [string, string, string, string, string, string][] {
  const s = ev.scenario;
  const N = s.horizon.years;
  const basis = ev.measure.basis.id;
  return [...ev.ledger.entries(FLOW_ORDER, ev.measure.basisIndex)].map((e) => [
    yearLabel(s.horizon, e.y, N),
    s.governments[e.g]!.code,
    s.mechanisms[e.m]!.id,
    e.kind,
    millions(e.amount),
    basis,
  ]);
}

/** `run --format csv`: the tidy long ledger; the year "after" holds flows past the horizon. */
export function ledgerCsv(ev: Evaluation): string {
  return toCsv(ledgerHeader(ev.scenario.currency), ledgerRows(ev));
}

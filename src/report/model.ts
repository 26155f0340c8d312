// The report model: what a command shows, built once from an evaluation and rendered by
// every format (terminal table, markdown, HTML, XLSX, CSV), so a figure or a label cannot
// differ between them. Cells are typed (money, ratio, verdict, count, text); money cells
// say which metric they are (so XLSX can write a formula) and where the same number sits
// in the JSON output (so HTML can be checked against it).
import type { Dec } from '../core/money.js';
import type { MoneyMetricId } from '../model/metrics.js';

/** Which ledger sum a money cell is: XLSX writes it as a formula over the Ledger sheet. */
export interface MoneyQuery {
  metric: MoneyMetricId;
  gov: string | null;
  mech?: string;
  /** A year index of the horizon, or 'after'; undefined: the horizon's total. */
  year?: number | 'after';
  /** Years `from` to `to` (indices, inclusive) instead of one year: a sub-total such as the first five. */
  years?: [number, number];
  /** In a report of several scenarios (compare): which one's ledger, by its place in the report. */
  scenario?: number;
}

export type Cell =
  | {
      kind: 'text';
      text: string;
      strong?: boolean;
      dim?: boolean;
      code?: boolean;
      json?: string;
      jsonValue?: string | boolean | null;
      /** Parts of `text` (which they add up to) a terminal colours: escaped first, coloured after. */
      tones?: { text: string; tone?: 'good' | 'bad' }[];
    }
  | {
      kind: 'money';
      value: Dec;
      json?: string;
      query?: MoneyQuery;
      strong?: boolean;
      /** Decimals shown (default 1); 0 is a published estimate's whole millions, with '*' for a non-zero amount under half a million. */
      dp?: number;
    }
  | { kind: 'ratio'; value: Dec | null; json?: string; digits?: number }
  | { kind: 'rate'; value: Dec; json?: string }
  | { kind: 'verdict'; value: boolean | null; json?: string }
  | { kind: 'count'; value: number | null; of?: number; json?: string }
  | { kind: 'empty' };

export interface Column {
  head: string;
  align: 'left' | 'right';
  /** A text column that may be wrapped or shortened to fit a narrow terminal. */
  wrap?: boolean;
  /** Low value: left out of a terminal table that would not fit comfortably (1 goes first). */
  drop?: number;
  /** A text column's comfortable width in a terminal: droppable columns go before it is wrapped narrower (default 20). */
  room?: number;
  /** When a wide terminal table is split into groups of columns: kept with the column before it. */
  joined?: boolean;
  /** When a wide terminal table is split: repeated in every group, as the first column is. */
  repeat?: boolean;
}

export interface Row {
  cells: Cell[];
  /** A totals row. */
  total?: boolean;
  /** Marks a problem (a claim that does not hold, a threshold crossed). */
  bad?: boolean;
  /** data-* attributes for HTML (e.g. data-claim). */
  data?: Record<string, string>;
}

export interface Table {
  kind: 'table';
  id: string;
  title?: string;
  /** A machine path behind a human title (a goal, a metric): the HTML heading's tooltip only. */
  titleHint?: string;
  columns: Column[];
  rows: Row[];
  /** Said instead of the table when it has no rows. */
  empty?: string;
  /** Long: folded in markdown, left to other formats in the terminal unless asked. */
  detail?: boolean;
  /** Notes printed under the table. */
  notes?: string[];
  /**
   * In a terminal, each row as a list item instead: the cells of `line` on one line, the
   * cells of `beneath` wrapped and indented under it (long sentences read as text, not as
   * one word per line of a narrow column). The `line` cells from index `named` on (default 2)
   * are each led by their column's head.
   */
  list?: { line: number[]; beneath: number[]; named?: number };
}

export interface Series {
  key: string;
  label: string;
}
export interface Mark {
  value: number;
  data: Record<string, string | number | undefined>;
}
export interface RefLine {
  value: number;
  label: string;
  data: Record<string, string | number | undefined>;
}
export interface ChartFrame {
  id: string;
  title: string;
  yLabel: string;
  xLabel: string;
  categories: string[];
  series: Series[];
}
export type BarSpec = ChartFrame & { values: Mark[][]; stacked: boolean; ref?: RefLine; totals?: Mark[] };
export type LineSpec = ChartFrame & { values: Mark[][]; ref?: RefLine; band?: { low: number[]; high: number[]; label: string } };

export type Chart = { kind: 'bar'; spec: BarSpec } | { kind: 'line'; spec: LineSpec };

/** A sentence or two; `strong` leads with a bold phrase. */
export interface Para {
  kind: 'para';
  text: string;
  strong?: string;
}

export type Block = Table | Chart | Para;

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** Shown only where there is room for everything (HTML, XLSX, markdown folded); not in the terminal. */
  detail?: boolean;
}

export interface Report {
  title: string;
  /** Lines under the title: the file, the case, the horizon, the units. */
  meta: string[];
  /** Short highlighted figures (the HTML key figures). */
  highlights: { label: string; value: Cell; note: string }[];
  sections: Section[];
  /** Closing notes (e.g. how the numbers match the JSON). */
  footer: string[];
}

export const text = (
  t: string,
  o: { strong?: boolean; dim?: boolean; code?: boolean; json?: string; jsonValue?: string | boolean | null } = {},
): Cell => ({ kind: 'text', text: t, ...o });
export const money = (value: Dec, json?: string, query?: MoneyQuery): Cell => ({ kind: 'money', value, json, query });
export const left = (head: string, wrap = true): Column => ({ head, align: 'left', wrap });
export const droppable = (c: Column, order = 1): Column => ({ ...c, drop: order });
export const right = (head: string): Column => ({ head, align: 'right' });

/** A JSON pointer (RFC 6901) from its parts. */
export const ptr = (...parts: (string | number)[]) =>
  `/${parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

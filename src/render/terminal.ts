// The report model for people in a terminal: tables laid out for the terminal's width
// (text columns wrapped, then wide tables split into column groups that repeat the first
// column), paragraphs wrapped, charts left to the HTML report. The only module that uses
// cli-table3; chalk comes in as an instance (colour only on a TTY).
import { Chalk, type ChalkInstance } from 'chalk';
import { drawTable } from './table-chunks.js';
import type { Cell, Para, Report, Table as TableModel } from '../report/model.js';
import { cellText } from '../report/values.js';
import { forTerminal } from '../core/text.js';

/** Text from a file shown, not obeyed: controls and bidi marks as `\u{...}`, line breaks kept. */
const safe = (s: string) => forTerminal(s, { newlines: true });

/** The width when stdout is not a terminal (a pipe, a file) and --width is not given. */
export const DEFAULT_WIDTH = 100;

/** Colour only on a TTY; FORCE_COLOR and NO_COLOR win over that (FORCE_COLOR=0 turns it off); TERM=dumb means none. */
export function makeChalk(isTTY: boolean, env: NodeJS.ProcessEnv): ChalkInstance {
  let on = isTTY && env.TERM !== 'dumb';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') on = false;
  else if (env.FORCE_COLOR !== undefined) on = env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return new Chalk({ level: on ? 1 : 0 });
}

/** How wide a string shows (code points; tabs and controls never reach here). */
export const widthOf = (s: string) => Math.max(0, ...s.split('\n').map((l) => [...l].length));

/**
 * Word-wraps text to `width` columns. A word longer than the line (a file or metric path) is
 * broken onto lines after a `.`, `+` or `/` (breakLongWords), never cut: it must stay readable.
 */
export function wrap(s: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  const room = Math.max(1, width - indent.length);
  for (const para of safe(s).split('\n')) {
    let line = '';
    for (let word of para.split(' ')) {
      if ([...word].length > room) {
        const parts = breakLongWords(word, room).split('\n');
        if (line) out.push(indent + line);
        out.push(...parts.slice(0, -1).map((p) => indent + p));
        line = '';
        word = parts[parts.length - 1]!;
      }
      if (line && [...line].length + 1 + [...word].length > room) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out;
}

/**
 * A cell's text for a column `room` wide: each word longer than that broken onto lines after
 * a `.`, `+` or `/` (or before a `[`), so an identifier or a file path reads in parts
 * (`mechanisms[F-3].` / `obligations.US.amount`) instead of being cut with an ellipsis; a
 * part with none of them is broken where it must be.
 */
export function breakLongWords(s: string, room: number): string {
  if (room < 1) return s;
  const pieces = (p: string) => {
    const cs = [...p];
    const out: string[] = [];
    for (let i = 0; i < cs.length; i += room) out.push(cs.slice(i, i + room).join(''));
    return out;
  };
  const breakWord = (w: string) => {
    const lines: string[] = [];
    let cur = '';
    for (const p of w.split(/(?<=[.+/])|(?=\[)/).flatMap(pieces)) {
      if (cur && [...cur].length + [...p].length > room) {
        lines.push(cur);
        cur = p;
      } else cur += p;
    }
    return [...lines, cur].join('\n');
  };
  return s
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((w) => ([...w].length > room ? breakWord(w) : w))
        .join(' '),
    )
    .join('\n');
}

export interface TerminalOptions {
  width: number;
  /** Show detail tables and sections too (the inputs, the claims that hold). */
  all?: boolean;
}

function colour(c: Cell, s: string, k: ChalkInstance, bad: boolean): string {
  // Each part escaped on its own, then coloured: a colour code is never escaped as text.
  if (c.kind === 'text' && c.tones)
    return c.tones.map((p) => (p.tone ? (p.tone === 'good' ? k.green : k.red)(safe(p.text)) : safe(p.text))).join('');
  if (c.kind === 'verdict') return c.value === null ? k.dim(s) : c.value ? k.green(s) : k.red.bold(s);
  if (c.kind === 'text' && c.strong) return k.bold(s);
  if (c.kind === 'text' && c.dim) return k.dim(s);
  if (bad && c.kind === 'text' && c.json?.includes('computed')) return k.red(s);
  return s;
}

/** One table of the model, fitted to `width`: low-value columns dropped, text wrapped, then split. */
export function renderTable(t: TableModel, k: ChalkInstance, width: number): string {
  const all = t.columns.map((_, i) => i);
  const head = t.columns.map((c) => safe(c.head));
  const body = t.rows.map((r) => r.cells.map((c) => safe(cellText(c))));
  // Natural widths: the longest line of each column, plus a space either side.
  const natural = head.map((h, i) => Math.max(widthOf(h), ...body.map((r) => widthOf(r[i] ?? ''))) + 2);
  const total = (cols: number[], ws: number[]) => cols.reduce((a, i) => a + ws[i]!, 0) + cols.length + 1;
  // A text column wraps down to its header or 12 columns, whichever is wider.
  const floorOf = (i: number) => (t.columns[i]!.wrap ? Math.min(natural[i]!, Math.max(12, widthOf(head[i]!) + 2)) : natural[i]!);
  let cols = all;
  // 1. Leave out low-value columns (in their order) while text columns would be squeezed below
  //    a comfortable width (20 columns, or the column's own `room`) to fit.
  const comfortable = (i: number) =>
    t.columns[i]!.wrap ? Math.min(natural[i]!, Math.max(t.columns[i]!.room ?? 20, widthOf(head[i]!) + 2)) : natural[i]!;
  const droppable = cols
    .filter((i) => t.columns[i]!.drop !== undefined)
    .sort((a, b) => t.columns[a]!.drop! - t.columns[b]!.drop!);
  for (const d of droppable) {
    if (total(cols, all.map(comfortable)) <= width) break;
    cols = cols.filter((c) => c !== d);
  }
  // 2. Wrap text columns, widest first, down to their floors.
  const widths = [...natural];
  while (total(cols, widths) > width) {
    let widest = -1;
    for (const i of cols) if (widths[i]! > floorOf(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    widths[widest] = Math.max(floorOf(widest), widths[widest]! - (total(cols, widths) - width));
  }
  // 3. Still too wide: split into groups of columns, each repeating the first (and those
  //    marked to repeat); a column joined to the one before it stays in its group.
  const groups: number[][] = [];
  if (total(cols, widths) <= width || cols.length <= 2) groups.push(cols);
  else {
    const lead = [cols[0]!, ...cols.slice(1).filter((i) => t.columns[i]!.repeat)];
    const units: number[][] = [];
    for (const i of cols.slice(1))
      if (!t.columns[i]!.repeat) {
        if (t.columns[i]!.joined && units.length) units[units.length - 1]!.push(i);
        else units.push([i]);
      }
    let cur = [...lead];
    for (const u of units) {
      if (cur.length > lead.length && total([...cur, ...u], widths) > width) {
        groups.push(cur);
        cur = [...lead];
      }
      cur.push(...u);
    }
    groups.push(cur);
  }
  const dropped = all.filter((i) => !cols.includes(i)).map((i) => head[i]);
  const tables = groups.map((g) => {
    return drawTable(
      {
        head: g.map((i) => k.bold(head[i]!)),
        colWidths: g.map((i) => widths[i]!),
        // Wrapping costs a word split per cell: only when a column is narrower than its text.
        wordWrap: g.some((i) => widths[i]! < natural[i]!),
        wrapOnWordBoundary: true,
        style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
        colAligns: g.map((i) => t.columns[i]!.align),
      },
      t.rows.map((r, ri) =>
        g.map((i) => {
          const c = r.cells[i] ?? { kind: 'empty' as const };
          // A column narrower than its text: long identifiers broken at their parts, not cut.
          const s = widths[i]! < natural[i]! ? breakLongWords(body[ri]![i] ?? '', widths[i]! - 2) : (body[ri]![i] ?? '');
          return r.total ? k.bold(s) : colour(c, s, k, r.bad ?? false);
        }),
      ),
    );
  });
  if (dropped.length)
    tables.push(
      k.dim(wrap(`(not shown at this width: ${dropped.join(', ')}; see --width, --format markdown or json)`, width).join('\n')),
    );
  return tables.join('\n');
}

/** A table as a list: per row, the `line` cells on one line (after the first two, each named by its column), the rest wrapped beneath. */
export function renderList(t: TableModel, list: NonNullable<TableModel['list']>, k: ChalkInstance, width: number): string {
  const out: string[] = [];
  const named = list.named ?? 2;
  for (const r of t.rows) {
    const parts = list.line.map((i, n) => {
      const c = r.cells[i] ?? { kind: 'empty' as const };
      const s = colour(c, safe(cellText(c)), k, r.bad ?? false);
      return n < named ? s : `${safe(t.columns[i]!.head).toLowerCase()} ${s}`;
    });
    const plain = list.line.map((i, n) => {
      const c = r.cells[i] ?? { kind: 'empty' as const };
      return n < named ? safe(cellText(c)) : `${safe(t.columns[i]!.head).toLowerCase()} ${safe(cellText(c))}`;
    });
    // Too long for one line: the id and verdict on it, the figures wrapped beneath them; when
    // the first two alone are too long (a long label), the whole line wrapped, uncoloured.
    if (widthOf(plain.join('  ')) <= width) out.push(parts.join('  '));
    else if (widthOf(plain.slice(0, 2).join('  ')) <= width)
      out.push(parts.slice(0, 2).join('  '), ...(plain.length > 2 ? wrap(plain.slice(2).join('  '), width, '    ') : []));
    else out.push(...wrap(plain.join('  '), width, '    ').map((l, i) => (i ? l : l.slice(4))));
    for (const i of list.beneath) {
      const c = r.cells[i];
      if (c && cellText(c)) out.push(...wrap(cellText(c), width, '    ').map((l) => k.dim(l)));
    }
  }
  return out.join('\n');
}

function renderPara(p: Para, k: ChalkInstance, width: number): string {
  const plain = `${p.strong ?? ''}${p.text}`;
  const lines = wrap(plain, width);
  if (!p.strong) return lines.join('\n');
  // Bold the leading phrase where it sits on the first line(s).
  let left = safe(p.strong).length;
  return lines
    .map((l) => {
      if (left <= 0) return l;
      const n = Math.min(left, l.length);
      left -= n + 1;
      return k.bold(l.slice(0, n)) + l.slice(n);
    })
    .join('\n');
}

export function renderTerminal(r: Report, k: ChalkInstance, o: TerminalOptions): string {
  return terminalTitle(r.title, k, o.width) + terminalBody(r, k, o);
}

/** The report's title as the terminal shows it: what renderTerminal puts before terminalBody. */
export function terminalTitle(title: string, k: ChalkInstance, width: number): string {
  return k.bold(wrap(title, width).join('\n'));
}

/** Everything renderTerminal prints after the title; reads nothing of `r.title` (cli/run-memo.ts re-titles it). */
export function terminalBody(r: Omit<Report, 'title'>, k: ChalkInstance, o: TerminalOptions): string {
  const out: string[] = [''];
  r.meta.forEach((m, i) => {
    out.push(...wrap(m, o.width).map((l) => (i === 0 ? l : k.dim(l))));
  });
  for (const s of r.sections) {
    if (s.detail && !o.all) continue;
    const blocks = s.blocks.filter((b) => b.kind !== 'bar' && b.kind !== 'line' && (o.all || b.kind !== 'table' || !b.detail));
    if (!blocks.length) continue;
    out.push('');
    out.push(k.bold(wrap(s.title, o.width).join('\n')));
    for (const b of blocks) {
      if (b.kind === 'para') out.push(renderPara(b, k, o.width));
      else if (b.kind === 'table') {
        if (b.title) out.push(k.bold(wrap(b.title, o.width).join('\n')));
        // The path behind a human title (what `solve --goal` takes), for typing it again.
        if (b.title && b.titleHint) out.push(k.dim(wrap(b.titleHint, o.width, '    ').join('\n')));
        if (!b.rows.length) out.push(k.dim(b.empty ?? 'None.'));
        else out.push(b.list ? renderList(b, b.list, k, o.width) : renderTable(b, k, o.width));
        for (const n of b.notes ?? []) out.push(...wrap(n, o.width).map((l) => k.dim(l)));
      }
    }
  }
  return `${out.join('\n')}\n`;
}

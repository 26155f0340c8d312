// cli-table3 driven in row chunks: its layout grows faster than the row count (4,000 rows:
// 0.6 s; 16,000: 5.3 s), so a long table is drawn as tables of CHUNK rows, the first with
// the header, and stitched where one's bottom border meets the next one's top border.
// Column widths are fixed (colWidths), and a compact table has no line between rows, so
// the bytes are those of one table.
import Table from 'cli-table3';

const CHUNK = 256;

/**
 * Tables drawn by earlier runs, by everything drawing reads (the options and every cell's
 * text): set by the command (cli/table-cache.ts) when it keeps caches. Drawing is a pure
 * function of those, so a table an edit did not change is not drawn again.
 */
export interface TableMemo {
  get(input: string): string | undefined;
  put(input: string, drawn: string): void;
}
let memo: TableMemo | undefined;
const MEMO_ROWS = 500;
export function useTableMemo(m: TableMemo | undefined): void {
  memo = m;
}

export function drawTable(opts: Table.TableConstructorOptions, rows: string[][]): string {
  // Past a few hundred rows the drawing is no longer the start's cost, and the entry would be large.
  if (!memo || rows.length > MEMO_ROWS) return drawNow(opts, rows);
  // undefined kept apart from null and from a missing key
  const input = JSON.stringify([opts, rows], (_k, v: unknown) => (v === undefined ? { undefined: true } : v));
  const saved = memo.get(input);
  if (saved !== undefined) return saved;
  const drawn = drawNow(opts, rows);
  memo.put(input, drawn);
  return drawn;
}

function drawNow(opts: Table.TableConstructorOptions, rows: string[][]): string {
  const draw = (head: string[] | undefined, part: string[][]) => {
    const tb = new Table(head === undefined ? { ...opts, head: [] } : opts);
    for (const r of part) tb.push(r);
    return tb.toString();
  };
  if (rows.length <= CHUNK) return draw(opts.head, rows);
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const lines = draw(i === 0 ? opts.head : undefined, rows.slice(i, i + CHUNK)).split('\n');
    const last = i + CHUNK >= rows.length;
    out.push(lines.slice(i === 0 ? 0 : 1, last ? lines.length : -1).join('\n'));
  }
  return out.join('\n');
}

// A small spreadsheet recalculator for the formulas the workbook writes (numbers, strings,
// cell and whole-column references across sheets, + - * / ^, comparisons, SUMIFS, IF, AND,
// MAX, MIN, ROUND, POWER, IFERROR): the tests recompute a workbook after editing an input
// as a spreadsheet would, where no spreadsheet program is installed.
import type ExcelJS from 'exceljs';

type Range = { sheet: string; col: string };
type V = number | string | boolean | Range;

const isRange = (v: V): v is Range => typeof v === 'object';
const num = (v: V): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v) || 0);

export class Recalc {
  private readonly memo = new Map<string, V>();
  constructor(private readonly wb: ExcelJS.Workbook) {}

  /** The value of a cell: its formula recomputed, else its constant. */
  cell(sheet: string, addr: string): V {
    const key = `${sheet}!${addr}`;
    const had = this.memo.get(key);
    if (had !== undefined) return had;
    const c = this.wb.getWorksheet(sheet)!.getCell(addr);
    const v: V = c.formula ? new Parser(c.formula, this, sheet).run() : plain(c.value);
    this.memo.set(key, v);
    return v;
  }

  /** A whole column's values from row 1 to the sheet's last row. */
  column(r: Range): V[] {
    const ws = this.wb.getWorksheet(r.sheet)!;
    const out: V[] = [];
    for (let i = 1; i <= ws.rowCount; i++) out.push(this.cell(r.sheet, `${r.col}${i}`));
    return out;
  }
}

function plain(v: ExcelJS.CellValue): V {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

const FUNCS: Record<string, (args: V[], r: Recalc) => V> = {
  SUMIFS: ([sum, ...crit], r) => {
    const values = r.column(sum as Range);
    const tests: { col: V[]; want: string }[] = [];
    for (let i = 0; i < crit.length; i += 2) tests.push({ col: r.column(crit[i] as Range), want: String(crit[i + 1]) });
    let total = 0;
    values.forEach((v, row) => {
      if (typeof v !== 'number') return;
      if (tests.every((t) => (t.want.startsWith('<>') ? String(t.col[row]) !== t.want.slice(2) : String(t.col[row]) === t.want)))
        total += v;
    });
    return total;
  },
  IF: ([c, a, b]) => (num(c!) ? a! : b!),
  AND: (args) => args.every((a) => num(a) !== 0),
  MAX: (args) => Math.max(...args.map(num)),
  MIN: (args) => Math.min(...args.map(num)),
  ROUND: ([x, d]) => Math.round(num(x!) * 10 ** num(d!)) / 10 ** num(d!),
  POWER: ([a, b]) => num(a!) ** num(b!),
  IFERROR: ([a, b]) => (typeof a === 'number' && !Number.isFinite(a) ? b! : a!),
};

class Parser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly r: Recalc,
    private readonly sheet: string,
  ) {}
  run(): V {
    const v = this.cmp();
    if (this.i !== this.s.length) throw new Error(`unparsed at ${this.i}: ${this.s.slice(this.i, this.i + 30)}`);
    return v;
  }
  private peek(re: RegExp): string | undefined {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    return m && m.index === this.i ? m[0] : undefined;
  }
  private take(re: RegExp): string | undefined {
    const m = this.peek(re);
    if (m !== undefined) this.i += m.length;
    return m;
  }
  private cmp(): V {
    const a = this.add();
    const op = this.take(/>=|<=|<>|=|>|</y);
    if (!op) return a;
    const b = this.add();
    const x = num(a),
      y = num(b);
    return { '>=': x >= y, '<=': x <= y, '<>': x !== y, '=': x === y, '>': x > y, '<': x < y }[op]!;
  }
  private add(): V {
    let a = this.mul();
    for (let op; (op = this.take(/[+-]/y));) a = op === '+' ? num(a) + num(this.mul()) : num(a) - num(this.mul());
    return a;
  }
  private mul(): V {
    let a = this.pow();
    for (let op; (op = this.take(/[*/]/y));) a = op === '*' ? num(a) * num(this.pow()) : num(a) / num(this.pow());
    return a;
  }
  private pow(): V {
    let a = this.unary();
    while (this.take(/\^/y)) a = num(a) ** num(this.unary());
    return a;
  }
  private unary(): V {
    if (this.take(/-/y)) return -num(this.unary());
    return this.primary();
  }
  private primary(): V {
    const n = this.take(/\d+(\.\d+)?([eE][+-]?\d+)?/y);
    if (n) return Number(n);
    const str = this.take(/"(?:[^"]|"")*"/y);
    if (str) return str.slice(1, -1).replace(/""/g, '"');
    if (this.take(/\(/y)) {
      const v = this.cmp();
      this.take(/\)/y);
      return v;
    }
    const fn = this.take(/[A-Z]+(?=\()/y);
    if (fn) {
      this.take(/\(/y);
      const args: V[] = [];
      if (!this.take(/\)/y)) {
        do args.push(this.cmp());
        while (this.take(/,/y));
        this.take(/\)/y);
      }
      return FUNCS[fn]!(args, this.r);
    }
    const ref = this.take(/(?:'[^']+'|[A-Za-z]+)!\$[A-Z]+(?::\$[A-Z]+|\$\d+)/y);
    if (ref) {
      const [sheetPart, addr] = ref.split('!') as [string, string];
      const sheet = sheetPart.replace(/^'|'$/g, '');
      if (addr.includes(':')) return { sheet, col: addr.split(':')[0]!.slice(1) };
      return this.r.cell(sheet, addr.replace(/\$/g, ''));
    }
    const local = this.take(/\$?[A-Z]+\$?\d+/y);
    if (local) return this.r.cell(this.sheet, local.replace(/\$/g, ''));
    throw new Error(`cannot read at ${this.i}: ${this.s.slice(this.i, this.i + 30)}`);
  }
}

export const isRangeValue = isRange;

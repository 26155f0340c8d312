// run --format csv: the tidy ledger, RFC 4180 quoting, and a round trip to the JSON totals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cli } from '../support/cli.js';
import { csvField, toCsv } from '../../src/render/csv.js';
import { hasHidden } from '../../src/core/text.js';
import { parseCsv } from '../support/csv.js';
import { Dec } from '../../src/core/money.js';
import { runJson } from './support.js';

describe('csv writer', () => {
  it('quotes only what must be quoted, doubling quotes (RFC 4180)', () => {
    expect(csvField('F-2')).toBe('F-2');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [['1', 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('shows hidden characters and defuses formulas, keeping numbers as numbers', () => {
    expect(csvField('a\u202eb')).toBe('a\\u{202e}b');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-14')).toBe('-14');
    expect(csvField('+35.5')).toBe('+35.5');
    expect(csvField(-14)).toBe('-14');
  });

  it('parses back what it writes (any text it need not defuse)', () => {
    // Hidden characters and formula-like text are changed on purpose (the test below).
    const plain = fc.string().filter((s) => !hasHidden(s) && !/^[=+\-@]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(plain, { minLength: 2, maxLength: 2 }), { maxLength: 6 }), (rows) => {
        expect(parseCsv(toCsv(['h1', 'h2'], rows))).toEqual([['h1', 'h2'], ...rows]);
      }),
    );
  });
});

describe('run --format csv', () => {
  it('names the scoring basis its budget flows are read on, in a basis column', async () => {
    for (const [args, basis] of [
      [[], 'as-published'],
      [['--basis', 'federal'], 'federal'],
    ] as const) {
      const rows = parseCsv((await cli(['run', '--format', 'csv', ...args])).stdout).slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((x) => x[5]))).toEqual(new Set([basis]));
    }
  });

  it('is the tidy long ledger whose sums equal the JSON totals', async () => {
    const r = await cli(['run', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [head, ...rows] = parseCsv(r.stdout);
    expect(head).toEqual(['year', 'government', 'mechanism', 'flow', 'amount_musd', 'basis']);
    const sum = (pred: (x: string[]) => boolean) =>
      rows
        .filter(pred)
        .reduce((a, x) => a.plus(Dec.of(x[4]!)), Dec.ZERO)
        .toPlain();
    // Baseline US budget cost: F-2 2500 (with Q-1) + F-3 5% x 2500 = 125 + F-5 750 + F-6 1000 + S-1B 7.5 = 4382.5.
    expect(sum((x) => x[1] === 'US' && x[3] === 'budgetCost' && x[0] !== 'after')).toBe('4382.5');
    // US public commitment: 1000 + 2500 + 2500 + 1000 + 750 + 1000 + 7.5 = 8757.5.
    expect(sum((x) => x[1] === 'US' && x[3] === 'commitment' && x[0] !== 'after')).toBe('8757.5');
    // Private mobilized: F-4 crowd-in 2x on 2000 of anchor commitments = 4000, S-1B's 1x on 15 = 15.
    expect(sum((x) => x[3] === 'private' && x[0] !== 'after')).toBe('4015');
    // Every flow kind x government total matches run --format json.
    const json = await runJson();
    const kinds: Record<string, string> = {
      commitment: 'publicCommitment',
      budgetCost: 'budgetCost',
      outlay: 'outlays',
      deployed: 'deployed',
      distribution: 'distributions',
      followOn: 'followOn',
    };
    // Each row is rounded to the dollar (6 places in millions); flows that are whole dollars add up
    // exactly, the drawdown-curve flows (deployed, outlays, distributions) to within a dollar a row.
    for (const [kind, metric] of Object.entries(kinds))
      for (const g of ['US', 'IL']) {
        const got = sum((x) => x[1] === g && x[3] === kind && x[0] !== 'after');
        const want = json.metrics[metric][g] as string;
        if (['commitment', 'budgetCost', 'followOn'].includes(kind)) expect(got, `${kind} ${g}`).toBe(Dec.of(want).toPlain());
        else expect(Math.abs(Number(got) - Number(want)), `${kind} ${g}`).toBeLessThanOrEqual(rows.length * 0.5e-6);
      }
    expect(rows.length).toBe(json.flows.length);
  });
});

// `compact-model compare`: the shipped scenarios against the baseline in every format, each
// figure equal to the scenario's own `run --basis B --format json`; figures of two
// alternatives worked out by hand; what is not comparable; broken files; --metrics;
// --simulate on common random numbers; patterns.
import { describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { tempDir, writeFiles } from '../support/scenario.js';
import { expandPatterns } from '../../src/cli/glob.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SHIPPED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

interface Row {
  path: string;
  basis: string | null;
  label: string;
  runJson: string | null;
  values: unknown[];
  notAvailable: (string | null)[];
  changes: ({ change: string | null; percent: string | null; changed: boolean; note?: string } | null)[];
}
interface CompareJson {
  baseline: number;
  options: { option: string; file: string; basis: string; currency: string }[];
  rows: Row[];
  notes: string[];
  unusable: { file: string; diagnostics: { code: string }[] }[];
  simulation?: {
    trials: number;
    tests: { test: string; options: ({ probability: number; change: number | null } | null)[] }[];
    headline: { mean: number; change: number | null; changeStandardError: number | null }[];
  };
}

const at = (doc: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((o: unknown, k) => (o as Record<string, unknown>)[k], doc);

const row = (j: CompareJson, path: string, basis: string | null = null) => {
  const r = j.rows.find((x) => x.path === path && x.basis === basis);
  if (!r) throw new Error(`no row ${path} ${basis}`);
  return r;
};

describe('compare scenarios/*.yaml', () => {
  it('fits 80 columns, shows every shipped alternative, and exits 0', async () => {
    const r = await cli(['compare', 'scenarios/*.yaml', '--width', '80'], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    // One letter per scenario, the baseline (compact-2026, first by name) as the reference.
    expect(r.stdout).toContain('│ A (ref.) │ Compact 2026 as published');
    SHIPPED.forEach((_, i) => {
      if (i > 0) expect(r.stdout).toContain(`${String.fromCharCode(65 + i)}-A`);
    });
  });

  it("every figure equals the scenario's own run --format json on the row's basis", async () => {
    const r = await cli(['compare', 'scenarios/*.yaml', '--format', 'json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.options.map((o) => o.file)).toEqual(SHIPPED.map((f) => `scenarios/${f}`));
    for (const [i, o] of j.options.entries()) {
      const runs = new Map<string, unknown>();
      const runOn = async (basis: string) => {
        if (!runs.has(basis)) {
          const x = await cli(['run', o.file, '--basis', basis, '--format', 'json'], { cwd: ROOT });
          runs.set(basis, JSON.parse(x.stdout));
        }
        return runs.get(basis);
      };
      for (const rw of j.rows) {
        expect(rw.runJson).not.toBeNull();
        const doc = await runOn(rw.basis ?? o.basis);
        expect([o.file, rw.label, rw.values[i]]).toEqual([o.file, rw.label, at(doc, rw.runJson!)]);
      }
    }
  });

  it('the same figures in markdown, CSV, HTML and XLSX', async () => {
    const j = JSON.parse((await cli(['compare', 'scenarios/*.yaml', '--format', 'json'], { cwd: ROOT })).stdout) as CompareJson;
    const md = await cli(['compare', 'scenarios/*.yaml', '--format', 'markdown'], { cwd: ROOT });
    expect(md.code).toBe(0);
    // Markdown: one column per option and one change column per alternative.
    const head = md.stdout.split('\n').find((l) => l.startsWith('| Figure'))!;
    expect(head.split('|').length - 2).toBe(1 + SHIPPED.length + 2 * (SHIPPED.length - 1));
    expect(md.stdout).toContain('| Headline mobilization | 18,855.0 |');

    const csv = await cli(['compare', 'scenarios/*.yaml', '--format', 'csv'], { cwd: ROOT });
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('option,file,path,basis,label,unit,value,change,percent,changed,note');
    expect(lines.length - 1).toBe(j.rows.length * SHIPPED.length);

    const dir = tempDir();
    cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
    const html = await cli(['compare', 'scenarios/*.yaml', '--format', 'html', '-o', 'o.html'], { cwd: dir });
    expect(html.code).toBe(0);
    const page = readFileSync(join(dir, 'o.html'), 'utf8');
    const cells = [...page.matchAll(/data-json="([^"]+)" data-value="([^"]*)"/g)];
    expect(cells.length).toBeGreaterThan(j.rows.length * SHIPPED.length);
    const jsonAgain = JSON.parse(
      (await cli(['compare', 'scenarios/*.yaml', '--format', 'json'], { cwd: dir })).stdout,
    ) as CompareJson;
    for (const [, pointer, value] of cells) expect([pointer, value]).toEqual([pointer, String(at(jsonAgain, pointer!))]);
    expect(page).toContain('id="chart-compare-budget"');
    expect(page).toContain('id="chart-compare-headline"');

    const x = await cli(['compare', 'scenarios/*.yaml', '--format', 'xlsx', '-o', 'o.xlsx'], { cwd: dir });
    expect(x.code).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'o.xlsx')) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Options',
      ...SHIPPED.map((_, i) => `Ledger ${String.fromCharCode(65 + i)}`),
    ]);
    // Headline mobilization of f3-high: a formula over its ledger, cached result 19,355
    // (18,855 + 500 of F-3 face value). Its column: the label, the reference, then three per option.
    const k = SHIPPED.indexOf('f3-high.yaml');
    let found = false;
    wb.getWorksheet('Options')!.eachRow((r) => {
      if (r.getCell(1).value !== 'Headline mobilization') return;
      const b = r.getCell(3 + (k - 1) * 3).value as { formula: string; result: number };
      expect(b.formula).toContain(`'Ledger ${String.fromCharCode(65 + k)}'!$E:$E`);
      expect(b.result).toBe(19355);
      found = true;
    });
    expect(found).toBe(true);
  });

  it('figures of two alternatives worked out by hand', async () => {
    const r = await cli(
      [
        'compare',
        'scenarios/compact-2026.yaml',
        'scenarios/f3-high.yaml',
        'scenarios/f4-no-second-wave.yaml',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    const j = JSON.parse(r.stdout) as CompareJson;
    // f3-high: F-3's US face value 3B instead of the base of $2B-3B (2.5B): +500M of
    // commitment, +5% x 500M = +25M of budget cost (credit subsidy, both bases), headline +500M.
    // 500 / 8,757.5 (the baseline's US commitment) = 5.709392%.
    const b = (path: string, basis: string | null = null) => row(j, path, basis).changes[1]!;
    expect(b('publicCommitment.US')).toMatchObject({ change: '500', percent: '5.709392' });
    expect(b('budgetCost.US', 'as-published').change).toBe('25');
    expect(b('budgetCost.US', 'federal').change).toBe('25');
    expect(b('budgetCost.IL', 'as-published').change).toBe('0');
    expect(b('headlineMobilization').change).toBe('500');
    expect(b('privateMobilized.total').change).toBe('0');
    // f4-no-second-wave: fund 2 (500M US + 500M IL) is not committed, nor its private LPs at
    // the base crowd-in 2x (of 1.5x-2.5x): commitment -1,000M, private -2,000M, headline -3,000M.
    // LP commitments cost nothing as published, their amount on the federal basis: -500M each.
    const c = (path: string, basis: string | null = null) => row(j, path, basis).changes[2]!;
    expect(c('publicCommitment.total').change).toBe('-1000');
    expect(c('privateMobilized.total').change).toBe('-2000');
    expect(c('headlineMobilization').change).toBe('-3000');
    expect(c('budgetCost.total', 'as-published').change).toBe('0');
    expect(c('budgetCost.US', 'federal').change).toBe('-500');
    expect(c('budgetCost.IL', 'federal').change).toBe('-500');
    // The multiplier on the published basis: 18,855 / 8,465 -> 15,855 / 8,465, i.e. -3,000 / 18,855 = -15.91%.
    expect(Number(c('multiplier.total', 'as-published').percent)).toBeCloseTo(-15.910899, 5);
    // No verdict changes: the mobilization target (10B) is met by both (15,855 >= 10,000).
    expect(row(j, 'target.met').values).toEqual([true, true, true]);
    expect(row(j, 'target.met').changes[2]).toMatchObject({ changed: false });
  });

  it('--baseline picks the reference and puts it first', async () => {
    const r = await cli(
      [
        'compare',
        'scenarios/f3-high.yaml',
        'scenarios/compact-2026.yaml',
        '--baseline',
        'scenarios/compact-2026.yaml',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.options.map((o) => o.file)).toEqual(['scenarios/compact-2026.yaml', 'scenarios/f3-high.yaml']);
    expect(row(j, 'publicCommitment.US').changes[1]!.change).toBe('500');
  });
});

describe('compare: what is not comparable, broken files, exit codes', () => {
  it('a broken file among others: its diagnostics, the others compared, exit 2', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
    writeFileSync(join(dir, 'scenarios', 'zz-broken.yaml'), 'name: broken\nhorizon: [\n');
    const r = await cli(['compare', 'scenarios/*.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenarios/zz-broken.yaml:2');
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.options).toHaveLength(SHIPPED.length);
    expect(j.unusable.map((u) => u.file)).toEqual(['scenarios/zz-broken.yaml']);
  });

  it('a broken reference: the next usable file is the reference, and it says so', async () => {
    const dir = writeFiles({ 'bad.yaml': 'name: [\n' });
    const r = await cli(['compare', join(dir, 'bad.yaml'), 'scenarios/compact-2026.yaml', 'scenarios/f3-high.yaml'], {
      cwd: ROOT,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is the reference instead');
    expect(r.stdout).toContain('B-A');
  });

  it('another horizon and other governments: n/a with the reason, never zero', async () => {
    const r = await cli(
      ['compare', 'scenarios/compact-2026.yaml', 'test/fixtures/generic/seven-years-three-governments.yaml', '--format', 'json'],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as CompareJson;
    // The generic plan has no US or IL: their rows are null with the reason, not 0.
    const us = row(j, 'publicCommitment.US');
    expect(us.values[1]).toBeNull();
    expect(us.notAvailable[1]).toBe('no government US in this scenario');
    // Its own governments are rows too, n/a in the baseline.
    expect(row(j, 'publicCommitment.AA').values[0]).toBeNull();
    // Totals over seven years against ten: shown, the change not computed.
    const total = row(j, 'publicCommitment.total');
    expect(total.values[1]).not.toBeNull();
    expect(total.changes[1]).toMatchObject({
      change: null,
      note: 'another horizon: totals over different years are not compared',
    });
    expect(j.notes.join(' ')).toContain('covers 7 years from FY2031, the baseline 10 from FY2027');
    expect(j.notes.join(' ')).toContain('has no government US, IL');
    const table = await cli(
      ['compare', 'scenarios/compact-2026.yaml', 'test/fixtures/generic/seven-years-three-governments.yaml'],
      {
        cwd: ROOT,
      },
    );
    expect(table.stdout).toContain('n/a');
  });

  it('another currency: amounts shown in their own currency, their changes not computed', async () => {
    const r = await cli(['compare', 'scenarios/compact-2026.yaml', 'test/fixtures/books/euro-plan.yaml', '--format', 'json'], {
      cwd: ROOT,
    });
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.options.map((o) => o.currency)).toEqual(['USD', 'EUR']);
    // euro-plan's IL: 800M ILS at 4 ILS per EUR = 200 EUR millions, shown, not set against USD
    // (nor against ten years: euro-plan covers four).
    const il = row(j, 'publicCommitment.IL');
    expect(il.values[1]).toBe('200');
    expect(il.changes[1]).toMatchObject({ change: null });
    expect(j.notes.join(' ')).toContain('euro-plan reports in EUR, the reference in USD');
    // A figure per year is comparable across horizons, not across currencies.
    const py = await cli(
      [
        'compare',
        'scenarios/compact-2026.yaml',
        'test/fixtures/books/euro-plan.yaml',
        '--metrics',
        'publicCommitment.IL.perYear',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect((JSON.parse(py.stdout) as CompareJson).rows[0]!.changes[1]).toMatchObject({
      change: null,
      note: 'in EUR, the reference in USD: amounts in two currencies are not compared',
    });
    // A verdict is still compared across currencies.
    expect(row(j, 'target.met').changes[1]).not.toHaveProperty('note');
  });

  it('exit 1 when a scenario breaks a rule (an assertion fails), as check', async () => {
    const r = await cli(['compare', 'scenarios/compact-2026.yaml', 'test/golden/check/assertion-failed.yaml'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('assertion');
  });

  it('usage errors: xlsx without -o, no file matching, an unknown metric', async () => {
    expect((await cli(['compare', 'scenarios/compact-2026.yaml', '--format', 'xlsx'], { cwd: ROOT })).code).toBe(2);
    const none = await cli(['compare', 'nothing/*.yaml'], { cwd: ROOT });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no scenario matches nothing/*.yaml');
    const bad = await cli(['compare', 'scenarios/compact-2026.yaml', '--metrics', 'budgetCots.US'], { cwd: ROOT });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--metrics budgetCots.US');
  });
});

describe('compare --metrics and --simulate', () => {
  it('--metrics chooses the rows (metric paths, comma-separated or repeated)', async () => {
    const r = await cli(
      [
        'compare',
        'scenarios/compact-2026.yaml',
        'scenarios/f3-high.yaml',
        '--metrics',
        'budgetCost.US,publicCommitment.total.F-3',
        '--metrics',
        'floor.US.appropriated.met',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.rows.map((x) => x.path)).toEqual(['budgetCost.US', 'publicCommitment.total.F-3', 'floor.US.appropriated.met']);
    // F-3: 2.5B US + 200M IL match = 2,700 -> 3,000 + 200 = 3,200.
    expect(row(j, 'publicCommitment.total.F-3').values).toEqual(['2700', '3200']);
    expect(row(j, 'floor.US.appropriated.met').values).toEqual([false, false]);
  });

  it('--simulate: an option against itself differs by exactly zero (common random numbers)', async () => {
    const r = await cli(
      [
        'compare',
        'scenarios/compact-2026.yaml',
        'scenarios/federal-basis.yaml',
        'scenarios/f4-no-second-wave.yaml',
        '--simulate',
        '400',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as CompareJson;
    const sim = j.simulation!;
    expect(sim.trials).toBe(400);
    // federal-basis changes the scoring only: every trial's headline is the baseline's.
    expect(sim.headline[1]).toMatchObject({ change: 0, changeStandardError: 0 });
    // Without fund 2 (its gate at 0%), every trial loses what fund 2 brings when its gate holds:
    // the change is negative and its paired error far below either option's own.
    expect(sim.headline[2]!.change!).toBeLessThan(0);
    const target = sim.tests.find((t) => t.test === 'target.met')!;
    expect(target.options[0]!.change).toBeNull();
    const table = await cli(['compare', 'scenarios/compact-2026.yaml', 'scenarios/f3-high.yaml', '--simulate', '200'], {
      cwd: ROOT,
    });
    expect(table.stdout).toContain('Chances (simulated)');
    expect(table.stdout).toContain('common random numbers');
  });
});

describe('patterns', () => {
  it('expands * and ** to files, sorted; keeps plain names; reports what matched nothing', () => {
    const dir = writeFiles({ 'b.yaml': '', 'a.yaml': '', 'c.yml': '' });
    const { files, unmatched } = expandPatterns(dir, ['*.yaml', 'c.yml', 'missing.yaml', 'none/*.yaml']);
    expect(files).toEqual(['a.yaml', 'b.yaml', 'c.yml', 'missing.yaml']);
    expect(unmatched).toEqual(['none/*.yaml']);
    expect(expandPatterns(ROOT, ['test/**/seven-*.yaml']).files).toEqual([
      'test/fixtures/generic/seven-years-three-governments.yaml',
    ]);
  });
});

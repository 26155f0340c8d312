// The HTML report in a real browser: Debian's Chromium driven by playwright-core opens the
// file from disk, with no console errors and no requests; charts and tables are there and
// every number on the page (data-json / data-value) equals `run --format json`.
// Without Chromium the test is skipped on a workstation, but fails under CI.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/scenario.js';
import { pointer, runJson } from './support.js';
import { browserTestRuns, launch, openReport } from './browser.js';

describe.runIf(browserTestRuns('report.browser.test'))('report in Chromium', () => {
  it('opens from disk cleanly and its numbers match the JSON output', async () => {
    const dir = tempDir();
    const file = join(dir, 'report.html');
    const r = await cli(['report', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|<link|@import|url\(\s*['"]?https?:/i);
    const json = await runJson();

    const browser = await launch();
    try {
      const { page, url, problems, requests } = await openReport(browser, file);
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]); // the page itself, nothing else

      // Charts: present, drawn at a readable size, each with a title, axis labels and a legend.
      const charts = await page.$$eval('figure.chart', (fs) =>
        fs.map((f) => {
          const svg = f.querySelector('svg')!;
          const box = svg.getBoundingClientRect();
          return {
            id: f.id,
            caption: f.querySelector('figcaption')?.textContent ?? '',
            width: box.width,
            axisLabels: [...svg.querySelectorAll('.axislabel')].map((t) => t.textContent),
            legend: svg.querySelectorAll('.legend-item').length,
            marks: svg.querySelectorAll('[data-value]').length,
          };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual([
        'chart-budget-US',
        'chart-budget-IL',
        'chart-floor',
        'chart-headline',
        'chart-private-public',
      ]);
      for (const c of charts) {
        expect(c.caption.length, c.id).toBeGreaterThan(10);
        expect(c.width, c.id).toBeGreaterThan(500);
        expect(c.axisLabels[0], c.id).toMatch(/USD millions/);
        expect(c.legend, c.id).toBeGreaterThanOrEqual(2);
        expect(c.marks, c.id).toBeGreaterThan(5);
      }

      // Every number that names its JSON pointer equals the JSON value.
      const cells = await page.$$eval('[data-json]', (es) =>
        es.map((e) => ({ ptr: e.getAttribute('data-json')!, value: e.getAttribute('data-value')! })),
      );
      expect(cells.length).toBeGreaterThan(100);
      for (const c of cells) expect(c.value, c.ptr).toBe(String(pointer(json, c.ptr)));
      const ptrs = new Set(cells.map((c) => c.ptr));
      for (const p of [
        '/metrics/budgetCost/US',
        '/metrics/headlineMobilization',
        '/metrics/floor/IL/appropriated/met',
        '/metrics/target/met',
        '/metrics/multiplier/total',
      ])
        expect(ptrs, p).toContain(p);
      // Hand-worked (test/core/baseline.test.ts): US budget cost 2500 + 125 + 750 + 1000 + 7.5 = 4382.5; headline 14840 + 4015 = 18855.
      expect(await page.getAttribute('#table-headline [data-json="/metrics/budgetCost/US"]', 'data-value')).toBe('4382.5');
      expect(await page.textContent('#table-headline [data-json="/metrics/headlineMobilizationDetail/total"]')).toBe('18,855.0');

      // Stacked bars: each segment is one mechanism-year of budget cost, equal to the ledger flows.
      const bars = await page.$$eval('#chart-budget-US rect.bar', (rs) =>
        rs.map((r) => ({
          mech: r.getAttribute('data-mechanism')!,
          year: r.getAttribute('data-year')!,
          value: r.getAttribute('data-value')!,
        })),
      );
      expect(bars.length).toBe(6 * 10); // F-2, F-3, F-5, F-6, Q-1, S-1B x FY2027-FY2036
      for (const b of bars) {
        const flow = json.flows.find(
          (f) => f.flow === 'budgetCost' && f.government === 'US' && f.mechanism === b.mech && f.year === b.year,
        );
        expect(b.value, `${b.mech} ${b.year}`).toBe(flow?.amount ?? '0');
      }
      // The cumulative headline ends at the 10-year headline, above the 10,000 target line.
      const points = await page.$$eval('#chart-headline circle.point', (cs) => cs.map((c) => c.getAttribute('data-value')));
      expect(points.at(-1)).toBe('18855');
      expect(await page.getAttribute('#chart-headline g.ref', 'data-value')).toBe('10000');
      expect(await page.getAttribute('#chart-floor g.ref', 'data-value')).toBe('500');

      // Claims in three tables: those that hold as findings, the identities (true by
      // construction, held apart: JSON verdict "identity"), and those that do not hold.
      expect(await page.$$eval('#table-claims-hold tbody tr', (r) => r.length)).toBe(
        json.claims.filter((c) => c.holds && c.verdict !== 'identity').length,
      );
      expect(await page.$$eval('#table-claims-identity tbody tr', (r) => r.length)).toBe(
        json.claims.filter((c) => c.verdict === 'identity').length,
      );
      expect(await page.$$eval('#table-claims-fail tbody tr', (r) => r.length)).toBe(json.claims.filter((c) => !c.holds).length);
      // Every input cited.
      const inputs = await page.$$eval('#table-inputs tbody tr', (rs) => rs.map((r) => r.querySelectorAll('td')[4]!.textContent)); // the path is the row's <th>; then unit, low, base, high, source
      expect(inputs.length).toBeGreaterThan(30);
      expect(inputs.every((s) => s && s.length > 0)).toBe(true);

      const artifacts = resolve('test/artifacts');
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
      // Printable: the print layout renders to PDF without errors.
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ path: join(artifacts, 'report.pdf'), format: 'A4' });
      expect(pdf.length).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

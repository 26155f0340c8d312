// report --simulate: the P5-P95 fan of cumulative headline mobilization.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { writeFiles } from '../support/scenario.js';

it('draws the simulated fan: ten years, P5 <= P50 <= P95, inside what any trial can reach', async () => {
  const dir = writeFiles({});
  const r = await cli(
    ['report', join(process.cwd(), 'scenarios/compact-2026.yaml'), '-o', 'r.html', '--simulate', '2000', '--seed', '5'],
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  expect(html).toContain('id="chart-fan"');
  const points = [
    ...html.matchAll(
      /data-series="p50" data-category="(FY\d+)" data-year="FY\d+" data-value="([\d.]+)" data-p5="([\d.]+)" data-p95="([\d.]+)"/g,
    ),
  ].map((m) => ({ year: m[1], p50: Number(m[2]), p5: Number(m[3]), p95: Number(m[4]) }));
  expect(points.map((p) => p.year)).toEqual([
    'FY2027',
    'FY2028',
    'FY2029',
    'FY2030',
    'FY2031',
    'FY2032',
    'FY2033',
    'FY2034',
    'FY2035',
    'FY2036',
  ]);
  for (const p of points) expect(p.p5 <= p.p50 && p.p50 <= p.p95).toBe(true);
  // Ten-year bounds of any trial: lowest 13,700 (F-3 at 2B, crowd-in 1.5x, fund 2 and F-5 failing:
  // US 1000+2500+2000+500+1000 = 7000, IL 1000+2500+200+500+1000 = 5200, private 1.5 x 1000 = 1500);
  // highest 20,700 (F-3 3B, crowd-in 2.5x, both gates holding, F-5 at 1B and 500M:
  // US 1000+2500+3000+1000+1000+1000 = 9500, IL 1000+2500+200+1000+500+1000 = 6200, private 2.5 x 2000 = 5000 -> 20,700).
  const last = points[9]!;
  expect(last.p5).toBeGreaterThanOrEqual(13700);
  expect(last.p95).toBeLessThanOrEqual(20700);
});

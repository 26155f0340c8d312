// Property laws over generated scenarios (fast-check): one ledger, so every way of summing
// it agrees; money scales linearly and ratios do not; output does not depend on the
// clock, the time zone or the locale. And the money laws of Dec and of splitting a total.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dec, Exact, sum } from '../../src/core/money.js';
import { splitEvenly } from '../../src/kit/flows.js';
import { FLOW_ORDER } from '../../src/model/flows.js';
import { MONEY_METRIC_IDS as MONEY_METRICS, RATIO_METRIC_IDS } from '../../src/model/metrics.js';
import { evaluate } from '../../src/measure/evaluate.js';
import { loadScenario } from '../../src/normalize/load.js';
import { Loader } from '../../src/read/load.js';
import { cli } from '../support/cli.js';
import { render, specArb, type Spec } from './gen.js';
import { ensureBuilt, ROOT, runBin } from './support.js';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-laws-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(text: string): string {
  const file = join(dir, `s${n++}.yaml`);
  writeFileSync(file, text);
  return file;
}
function evaluated(spec: Spec, scale = 1) {
  const file = write(render(spec, scale));
  const loaded = loadScenario(file, new Loader(dir));
  expect(
    loaded.diags.errors().map((d) => `${d.code}: ${d.message}`),
    render(spec, scale),
  ).toEqual([]);
  return evaluate(loaded.scenario!);
}
/**
 * Equal but for Dec's rounding: it keeps 40 significant digits, so a division on billions
 * (USD) may differ near 1e-30 dollars, and a difference of such values is not relatively
 * small. 1e-20 USD absolute, or 30 significant digits, is far below any displayed cent.
 */
function close(a: Dec, b: Dec): boolean {
  const tol = Dec.of('1e-30').times(a.abs().max(b.abs())).max(Dec.of('1e-20'));
  return a.minus(b).abs().lte(tol);
}

const RUNS = { numRuns: 40, seed: 6060 };

describe('laws over generated scenarios', () => {
  it('totals by year, by mechanism and by government agree with the ledger summed directly', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const ev = evaluated(spec);
        const { ledger, measure } = ev;
        const N = ev.scenario.horizon.years;
        const govs = ev.scenario.governments.map((g) => g.code);
        const mechs = ev.scenario.mechanisms.map((m) => m.id);
        // The ledger, summed entry by entry within the horizon, per flow kind.
        for (const kind of FLOW_ORDER) {
          const direct = sum([...ledger.entries(FLOW_ORDER)].filter((e) => e.kind === kind && e.y < N).map((e) => e.amount));
          expect(close(ledger.total(kind), direct), kind).toBe(true);
        }
        for (const metric of MONEY_METRICS) {
          const total = measure.money(metric);
          const byYear = sum(Array.from({ length: N }, (_, y) => measure.money(metric, null, undefined, y)));
          const byGov = sum(govs.map((g) => measure.money(metric, g)));
          const byMech = sum(mechs.map((m) => measure.money(metric, null, m)));
          const byAll = sum(
            govs.flatMap((g) => mechs.flatMap((m) => Array.from({ length: N }, (_, y) => measure.money(metric, g, m, y)))),
          );
          // Agreement is up to Dec's 40-digit rounding, not bit for bit: an even split of 1M over
          // 6 years is 166666.66...7, and sums taken in another order round the 40th digit differently.
          for (const [how, v] of [
            ['year', byYear],
            ['government', byGov],
            ['mechanism', byMech],
            ['all three', byAll],
          ] as const)
            expect(close(v, total), `${metric} by ${how}: ${v} vs ${total}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('doubling every amount doubles every money metric and leaves leverage unchanged', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const one = evaluated(spec, 1);
        const two = evaluated(spec, 2);
        const N = one.scenario.horizon.years;
        const scopes = [null, ...one.scenario.governments.map((g) => g.code)];
        const mechs = [undefined, ...one.scenario.mechanisms.map((m) => m.id)];
        for (const metric of MONEY_METRICS)
          for (const sc of scopes)
            for (const m of mechs)
              for (let y = 0; y <= N; y++) {
                const a = one.measure.money(metric, sc, m, y),
                  b = two.measure.money(metric, sc, m, y);
                expect(close(b, a.times(2)), `${metric}.${sc}.${m ?? ''} year ${y}: ${b} vs 2 x ${a}`).toBe(true);
              }
        for (const basis of RATIO_METRIC_IDS)
          for (const sc of scopes)
            for (const m of mechs) {
              const a = one.measure.ratio(basis, sc, m),
                b = two.measure.ratio(basis, sc, m);
              expect(a === null ? b === null : b !== null && close(a, b), `leverage.${basis}.${sc}.${m ?? ''}`).toBe(true);
            }
      }),
      { ...RUNS, numRuns: 25 },
    );
  });
});

describe('output is the same bytes whatever the clock, time zone or locale', () => {
  it('in process: twice, and with the clock at 1999 and 2099', () => {
    return fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const file = write(render(spec));
        const outs: string[] = [];
        for (const when of [undefined, '1999-01-01T00:00:00Z', '2099-12-31T23:59:59Z']) {
          if (when) {
            vi.useFakeTimers({ toFake: ['Date'] });
            vi.setSystemTime(new Date(when));
          }
          try {
            for (const format of ['table', 'json'])
              outs.push((await cli(['run', file, '--format', format], { cwd: dir })).stdout);
          } finally {
            vi.useRealTimers();
          }
        }
        expect(outs[2]).toBe(outs[0]);
        expect(outs[4]).toBe(outs[0]);
        expect(outs[3]).toBe(outs[1]);
        expect(outs[5]).toBe(outs[1]);
      }),
      { numRuns: 10, seed: 6061 },
    );
  });

  it('through the bin: TZ and LANG do not change a byte', async () => {
    ensureBuilt();
    const files = ['scenarios/compact-2026.yaml', 'scenarios/f4-no-second-wave.yaml'];
    const envs: NodeJS.ProcessEnv[] = [
      { TZ: 'UTC', LANG: 'C' },
      { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      { TZ: 'America/Adak', LANG: 'ar_EG.UTF-8', LC_ALL: 'hi_IN.UTF-8' },
    ];
    for (const file of files)
      for (const format of ['table', 'json']) {
        const outs = envs.map((env) =>
          runBin(['run', file, '--format', format], { env: { PATH: process.env.PATH ?? '', ...env } }),
        );
        for (const o of outs) expect(o.code, o.stderr).toBe(0);
        expect(new Set(outs.map((o) => o.stdout)).size, `${file} ${format}`).toBe(1);
        // And the bin prints what the in-process CLI prints.
        expect(outs[0]!.stdout).toBe((await cli(['run', file, '--format', format], { cwd: ROOT })).stdout);
      }
  });
});

describe('money laws (Dec, splitEvenly)', () => {
  // Decimals with up to 12 integer and 6 fraction digits, signed: sums stay exact in 40 digits.
  const dec = fc
    .tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
    .map(([m, e]) => Dec.of(`${m}e-${e}`));

  it('plus is commutative and associative, and zero is its identity', () => {
    fc.assert(
      fc.property(dec, dec, dec, (a, b, c) => {
        expect(a.plus(b).eq(b.plus(a))).toBe(true);
        expect(
          a
            .plus(b)
            .plus(c)
            .eq(a.plus(b.plus(c))),
        ).toBe(true);
        expect(a.plus(Dec.ZERO).eq(a)).toBe(true);
        expect(a.minus(b).plus(b).eq(a)).toBe(true);
      }),
      { numRuns: 300, seed: 6062 },
    );
  });

  it('splitEvenly (how the engine spreads a total): the parts add back exactly, and follow the weights', () => {
    const weight = fc.integer({ min: 0, max: 1000 });
    fc.assert(
      fc.property(dec, fc.array(weight, { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = splitEvenly(Exact, total, weights);
        expect(parts.length).toBe(weights.length);
        const w = weights.reduce((a, b) => a + b, 0);
        if (w === 0) {
          expect(parts.every((p) => p.isZero())).toBe(true);
          return;
        }
        expect(sum(parts).eq(total)).toBe(true);
        // A zero weight gets nothing; each part is within rounding of total x w / sum(w).
        weights.forEach((x, i) => {
          if (x === 0) expect(parts[i]!.isZero()).toBe(true);
          else expect(close(parts[i]!, total.times(x).div(w))).toBe(true);
        });
      }),
      { numRuns: 300, seed: 6063 },
    );
  });
});

// simulate in bounded memory (stream.ts, probes.ts): the trials replayed pass by pass give
// the same summaries, test counts, histogram and base-case share as holding every trial.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenario } from '../../src/normalize/load.js';
import { mergeCounts, ProbeCounter, probesFromSample, RankFinder } from '../../src/simulate/probes.js';
import { simulate, tooManyTrials, workerScriptIn } from '../../src/simulate/simulate.js';
import { summarize, summaryOf, windowsFor } from '../../src/simulate/stats.js';

/** The passes of streamSummaries over values held in an array, each pass counted in three shares. */
function streamed(xs: Float64Array) {
  const fin = xs.filter(Number.isFinite);
  const n = fin.length;
  const S = Math.min(xs.length, 8192);
  const sample = Float64Array.from({ length: S }, (_, i) => xs[Math.floor((i * xs.length) / S)]!)
    .filter(Number.isFinite)
    .sort();
  const nEst = Math.round((sample.length * xs.length) / S);
  const f = new RankFinder(probesFromSample(sample, nEst ? windowsFor(nEst) : [], nEst));
  let sum = 0;
  for (const v of fin) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of fin) ss += (v - mean) * (v - mean);
  const min = fin.reduce((a, v) => Math.min(a, v), Infinity),
    max = fin.reduce((a, v) => Math.max(a, v), -Infinity);
  let passes = 0;
  while (n > 0 && (passes === 0 || f.next().length > 0)) {
    const third = Math.ceil(xs.length / 3);
    const shares = [0, 1, 2].map((s) => {
      const c = new ProbeCounter(f.next());
      c.add(xs, Math.min(xs.length, s * third), Math.min(xs.length, (s + 1) * third));
      return c.result();
    });
    f.take(mergeCounts(shares), windowsFor(n), min, max);
    if (++passes > 64) throw new Error('no convergence');
  }
  return { summary: summaryOf(n, mean, ss, n ? min : NaN, n ? max : NaN, (r) => f.at(r)), passes };
}

describe('order statistics from probes', () => {
  it('equal the held summary for shapes that defeat a sample (property)', () => {
    const shapes = ['uniform', 'halfTied', 'fewValues', 'sorted', 'outliers', 'someNaN', 'oneValue'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...shapes), fc.integer({ min: 1, max: 90_000 }), fc.integer(), (shape, n, seed) => {
        let x = seed >>> 0 || 1;
        const rnd = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        const xs = Float64Array.from({ length: n }, (_, i) => {
          const u = rnd();
          if (shape === 'halfTied') return u < 0.5 ? 250 : 250 + 500 * rnd();
          if (shape === 'fewValues') return Math.floor(u * 7) * 125;
          if (shape === 'sorted') return i;
          if (shape === 'outliers') return u < 0.01 ? 1e12 * rnd() : u;
          if (shape === 'someNaN') return u < 0.3 ? NaN : u * 10;
          if (shape === 'oneValue') return 42;
          return 1e9 * u;
        });
        expect(streamed(xs).summary).toEqual(summarize(xs.slice()));
      }),
      { numRuns: 60 },
    );
  });
  it('a million values, a third of them on one value: found in two passes', () => {
    let x = 7;
    const rnd = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const xs = Float64Array.from({ length: 1_000_000 }, () => (rnd() < 1 / 3 ? 0 : 1e6 * rnd()));
    const r = streamed(xs);
    expect(r.summary).toEqual(summarize(xs.slice()));
    expect(r.passes).toBe(2);
  });
  it('a million values with a tie that begins inside the window of the median', () => {
    let x = 11;
    const rnd = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const xs = Float64Array.from({ length: 1_000_000 }, () => {
      const u = rnd();
      return u < 0.5 ? 1e6 * rnd() : u < 0.8 ? 2e6 : 2e6 + 1e6 * rnd();
    });
    expect(streamed(xs).summary).toEqual(summarize(xs.slice()));
  });
});

describe('simulate replayed equals simulate held', () => {
  const same = async (file: string, trials: number, seed: number, workers: number, yearly = false) => {
    const s = loadScenario(file).scenario!;
    const o = { trials, seed, workers, workerScript: workerScriptIn(process.cwd()), yearly };
    const held = await simulate(s, o);
    const replayed = await simulate(s, { ...o, inMemoryBytes: 0 });
    const facts = (r: typeof held) => ({
      summaries: [...r.summaries],
      counts: [...r.counts],
      histogram: r.histogram,
      base: [...r.base.values, r.base.headlineShareBelow],
    });
    expect(facts(replayed)).toEqual(facts(held));
  };
  it.each([
    ['scenarios/compact-2026.yaml', 12_000, 1, 1],
    ['scenarios/compact-2026.yaml', 12_000, 2, 2],
    ['scenarios/f5-study-fails.yaml', 9_001, 5, 3],
    ['test/simulate/fixtures/correlated.yaml', 5_000, 3, 2],
    ['test/simulate/fixtures/dists.yaml', 3, 1, 1],
  ])('%s, %i trials, seed %i, %i workers', (file, trials, seed, workers) => same(file, trials, seed, workers));
  it('with the yearly outputs of the report', () => same('scenarios/compact-2026.yaml', 6_000, 4, 2, true));
});

describe('trials refused up front', () => {
  const s = loadScenario('scenarios/compact-2026.yaml').scenario!;
  it('a paired comparison over 1,000,000 trials, with the limit stated', () => {
    expect(tooManyTrials(s, 1_000_000, true)).toBeUndefined();
    expect(tooManyTrials(s, 1_000_001, true)?.message).toContain('at most 1,000,000 trials');
  });
  it('correlations over 2,000,000 trials; without correlations, every trial count runs', () => {
    const c = loadScenario('test/simulate/fixtures/correlated.yaml').scenario!;
    expect(tooManyTrials(c, 2_000_001, false)?.message).toContain('at most 2,000,000 trials');
    expect(tooManyTrials(s, 100_000_000, false)).toBeUndefined();
  });
});

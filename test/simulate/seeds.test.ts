// The trial loop's draws (TrialUniforms, inverse) are Stream's and the samplers' own: the
// seed's and the keys' parts derived once per run give the same streams as deriving them
// every trial (Stream.reset, Stream.resetKeyed), bit for bit, so no figure moves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inverse, inverseOf, normInv, sampler, Stream, TrialUniforms, Z95 } from '../../src/simulate/random.js';

const seed = fc.oneof(fc.constantFrom(0, 1, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER), fc.nat(), fc.maxSafeNat());
const trial = fc.oneof(fc.constantFrom(0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 3), fc.nat(), fc.maxSafeNat());
const key = fc.oneof(fc.constantFrom(0, 2 ** 31, 2 ** 32 - 1), fc.nat({ max: 2 ** 32 - 1 }));

describe('TrialUniforms equals Stream', () => {
  it('fill: the first n uniforms of Stream.reset(seed, trial)', () => {
    fc.assert(
      fc.property(seed, trial, fc.nat(20), fc.nat(3), (s, t, n, at) => {
        const want = new Stream().reset(s, t);
        const got = new Float64Array(at + n);
        new TrialUniforms(s).fill(t, got, at, n);
        for (let j = 0; j < n; j++) expect(got[at + j]).toBe(want.u());
      }),
      { numRuns: 500 },
    );
  });
  it('fillKeyed: the first uniform of Stream.resetKeyed(seed, trial, key) for each key', () => {
    fc.assert(
      fc.property(seed, trial, fc.array(key, { minLength: 1, maxLength: 6 }), (s, t, keys) => {
        const u = new TrialUniforms(s, keys);
        const got = new Float64Array(keys.length + 1);
        // all keys at once, then one at a time from an offset (as the trial loop asks for events)
        u.fillKeyed(t, got, 0, 0, keys.length);
        keys.forEach((k, j) => expect(got[j]).toBe(new Stream().resetKeyed(s, t, k).u()));
        const last = keys.length - 1;
        u.fillKeyed(t, got, keys.length, last, 1);
        expect(got[keys.length]).toBe(got[last]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('inverse draws what the samplers drew', () => {
  // The samplers as they were written before inverse() (one closure per kind): the reference.
  const reference = (sp: { kind: string; low: number; mode: number; high: number; min: number; max?: number }, u: number) => {
    const { low: a, mode: m, high: b } = sp;
    const lo = sp.min,
      hi = sp.max ?? Infinity;
    const clamp = (x: number) => (x < lo ? lo : x > hi ? hi : x);
    const w = b - a;
    if (sp.kind === 'uniform') return a + w * u;
    if (sp.kind === 'triangular') {
      const fc = (m - a) / w;
      return u < fc ? a + Math.sqrt(u * w * (m - a)) : b - Math.sqrt((1 - u) * w * (b - m));
    }
    if (sp.kind === 'normal') return clamp((a + b) / 2 + ((b - a) / (2 * Z95)) * normInv(u));
    const la = Math.log(a),
      lb = Math.log(b);
    return clamp(Math.exp((la + lb) / 2 + ((lb - la) / (2 * Z95)) * normInv(u)));
  };
  const spec = fc
    .record({
      kind: fc.constantFrom('uniform', 'triangular', 'normal', 'lognormal'),
      low: fc.double({ min: 0.01, max: 1e9, noNaN: true }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0.001, max: 10, noNaN: true }),
      clamp: fc.boolean(),
    })
    .map(({ kind, low, a, b, clamp }) => {
      const high = low * (1 + b);
      return { kind, low, mode: low + a * (high - low), high, min: 0, ...(clamp ? { max: low * (1 + b / 2) } : {}) };
    });
  it('inverse(params, u) and sampler(spec) give the reference formulas, bit for bit', () => {
    fc.assert(
      fc.property(spec, seed, trial, (sp, s, t) => {
        const typed = sp as Parameters<typeof sampler>[0];
        const u = new Stream().reset(s, t).u();
        const want = reference(sp, u);
        expect(Object.is(inverse(inverseOf(typed)!, 0, u), want)).toBe(true);
        expect(Object.is(sampler(typed)(new Stream().reset(s, t)), want)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('PERT (a varying number of uniforms) has no inverse: the trial loop keeps the stream for it', () => {
    expect(inverseOf({ kind: 'pert', low: 1, mode: 2, high: 3 })).toBeUndefined();
  });
});

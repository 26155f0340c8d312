// check reuses, within one command, what a variant shares with the scenarios checked before
// it: the merged parent tree (read/load.ts), each normalized mechanism (normalize.ts
// NormalizeMemo) and its ledger row (compute/engine.ts RowMemo), keyed by the mechanism's
// node, place and context (kit/origin.ts). Each case below warms the memos on a base,
// then reads a file that changes one input of the key, and requires the scenario, the
// ledger and the check outcome to equal a fresh read of that file alone; and that what
// the change leaves alone was reused (so the equality is not that of two fresh reads).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/check.js';
import { RowMemo } from '../../src/compute/engine.js';
import { originOf } from '../../src/kit/origin.js';
import { evaluate } from '../../src/measure/evaluate.js';
import { BASES } from '../../src/model/bases.js';
import { BUDGET_FLOWS, NEUTRAL_FLOWS } from '../../src/model/flows.js';
import type { Scenario } from '../../src/model/scenario.js';
import { loadScenario } from '../../src/normalize/load.js';
import { NormalizeMemo } from '../../src/normalize/normalize.js';
import { Loader } from '../../src/read/load.js';
import { tempDir } from '../support/scenario.js';

const dir = tempDir();
const shipped = resolve('scenarios');
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const base = file('base.yaml', `extends: ${join(shipped, 'compact-2026.yaml')}\nname: base\n`);
const patch = (name: string, body: string) => file(`${name}.yaml`, `extends: base.yaml\nname: ${name}\n${body}`);

/** Everything a rule could read: the scenario as JSON, every ledger cell (after-horizon years and direct parts too). */
function snapshot(s: Scenario, rows?: RowMemo): string {
  const out: string[] = [JSON.stringify(s)];
  for (const c of ['low', 'base', 'high'] as const) {
    const L = evaluate(s, c, rows).ledger;
    for (let b = 0; b < BASES.length; b++) {
      for (const e of L.entries([...NEUTRAL_FLOWS, ...BUDGET_FLOWS], b))
        out.push(`${c} ${b} ${e.m} ${e.g} ${e.kind} ${e.y} ${e.amount}`);
      for (const k of [...NEUTRAL_FLOWS, ...BUDGET_FLOWS])
        for (let m = 0; m < L.mechs.length; m++) {
          out.push(`${c} ${b} ${k} ${m} tail ${L.tailByYear(k, { m, basis: b }).join(',')}`);
          for (let g = 0; g < L.govs.length; g++)
            for (let y = 0; y <= L.years; y++) {
              const d = L.direct(m, g, k, y, b);
              if (!d.isZero()) out.push(`${c} ${b} ${k} ${m} ${g} ${y} direct ${d}`);
            }
        }
    }
  }
  return out.join('\n');
}

/** One command's reading of `files` in turn, with the memos check keeps: each scenario and its snapshot. */
function readAll(files: string[]): { s: Scenario; snap: string }[] {
  const loader = new Loader(dir, { roots: [shipped] });
  const memo = new NormalizeMemo();
  const rows = new RowMemo();
  return files.map((f) => {
    const r = loadScenario(f, loader, { memo });
    expect(r.diags.errors()).toEqual([]);
    return { s: r.scenario!, snap: snapshot(r.scenario!, rows) };
  });
}

/** The ids of the mechanisms of `b` that are `a`'s (the same origin). */
const shared = (a: Scenario, b: Scenario) =>
  b.mechanisms.filter((m, i) => a.mechanisms[i] && originOf(a.mechanisms[i]!) === originOf(m)).map((m) => m.id);

const ALL = ['F-1', 'F-2', 'F-3', 'F-4', 'F-5', 'F-6', 'Q-1', 'S-1B', 'FF-1'];

/** Reads `before` then `f` in one command; `f`'s scenario and ledger equal its fresh reading; returns the mechanisms reused. */
function reused(f: string, before: string[] = [base]): string[] {
  const warm = readAll([...before, f]);
  const fresh = readAll([f]);
  expect(warm.at(-1)!.snap).toBe(fresh[0]!.snap);
  // And check's whole outcome of the file, after the same files in one command.
  const one = checkFiles([...before, f], new Loader(dir, { roots: [shipped] }), dir, { strictClaims: false });
  const alone = checkFiles([f], new Loader(dir, { roots: [shipped] }), dir, { strictClaims: false });
  expect(JSON.stringify(one.files.at(-1))).toBe(JSON.stringify(alone.files[0]));
  return shared(warm.at(-2)!.s, warm.at(-1)!.s);
}

describe('check reuses a variant’s unchanged mechanisms, never a stale one', () => {
  it('reuses every mechanism of the same file read twice', () => {
    expect(ALL.every((id) => readAll([base])[0]!.s.mechanisms.some((m) => m.id === id))).toBe(true);
    expect(reused(base)).toEqual(ALL);
  });

  it('a mechanism’s own figure: only that mechanism is new', () => {
    const f = patch('own', 'mechanisms:\n  - id: F-2\n    appropriations:\n      US: { amount: 260M, per: year }\n');
    expect(reused(f)).toEqual(ALL.filter((id) => id !== 'F-2'));
  });

  it('a shared figure (a named spend-out profile, a default ratio): every mechanism is new', () => {
    const prof = patch('profile', 'assumptions:\n  profiles:\n    loans:\n      shares: [50%, 30%, 20%]\n');
    expect(reused(prof)).toEqual([]);
    const ratio = patch('ratio', 'assumptions:\n  followOn: { value: 1x, source: x }\n');
    expect(reused(ratio)).toEqual([]);
  });

  it('a sponsor: every mechanism is new', () => {
    const f = patch('sponsor', 'governments:\n  IL: { name: Israel, type: bank }\n');
    expect(reused(f)).toEqual([]);
  });

  it('a rate: a credit subsidy rate (its mechanism), an exchange rate and an amount in that currency', () => {
    const sub = patch('subsidy', 'mechanisms:\n  - id: F-3\n    subsidyRate: { value: 7%, source: x }\n');
    expect(reused(sub)).toEqual(ALL.filter((id) => id !== 'F-3'));
    const fx1 = patch(
      'fx1',
      'exchangeRates:\n  ILS: { value: 3.7, source: x }\nmechanisms:\n  - id: F-2\n    appropriations:\n      IL: { amount: 925M, per: year, currency: ILS }\n',
    );
    const fx2 = patch(
      'fx2',
      'exchangeRates:\n  ILS: { value: 3.5, source: x }\nmechanisms:\n  - id: F-2\n    appropriations:\n      IL: { amount: 925M, per: year, currency: ILS }\n',
    );
    expect(reused(fx1)).toEqual([]);
    // The same amount in ILS at another rate: new, with its own figures (3.5, not 3.7).
    expect(reused(fx2, [fx1])).toEqual([]);
  });

  it('the horizon, and the year of enactment (the ledger’s shift)', () => {
    const h = patch('horizon', 'horizon:\n  years: 12\n');
    expect(reused(h)).toEqual([]);
    const e = patch('enacted', 'scoring:\n  enacted: FY2028\n');
    // Normalized alike (enactment is not the mechanisms' context); the rows are booked a year later.
    expect(reused(e)).toEqual(ALL);
  });

  it('an event’s outcome: the study fails, so its fallback runs', () => {
    const f = patch('fails', 'mechanisms:\n  - id: F-5\n    study: { passes: false }\n');
    expect(reused(f)).toEqual(ALL.filter((id) => id !== 'F-5'));
    // And back (base, then f, then base): the fallback's conditions are its own in each
    // scenario (linked after reuse), so the base reads as fresh; only F-5 differs from f's.
    expect(reused(base, [base, f])).toEqual(ALL.filter((id) => id !== 'F-5'));
  });

  it('a study decided later than its fallback commits: the rule’s own ledger (one event forced) as fresh', () => {
    const f = patch(
      'late',
      'mechanisms:\n  - id: F-5\n    study: { months: 30 }\n  - id: FF-1\n    appropriations:\n      US: { amount: 10M, per: year }\n',
    );
    expect(reused(f)).toEqual(ALL.filter((id) => id !== 'F-5' && id !== 'FF-1'));
    const alone = checkFiles([f], new Loader(dir, { roots: [shipped] }), dir, { strictClaims: false });
    expect(alone.files[0]!.diagnostics.map((d) => d.code)).toContain('fallback-before-study');
  });

  it('the names an expression is parsed against: a mechanism removed, so a claim naming it fails', () => {
    const f = patch('removed', 'mechanisms:\n  - id: F-3\n    remove: true\n');
    const one = checkFiles([base, f], new Loader(dir, { roots: [shipped] }), dir, { strictClaims: false });
    const alone = checkFiles([f], new Loader(dir, { roots: [shipped] }), dir, { strictClaims: false });
    expect(JSON.stringify(one.files[1])).toBe(JSON.stringify(alone.files[0]));
    // budgetCost.US.F-3 (a claim's metric, l.257 of the baseline) names no mechanism now.
    expect(alone.files[0]!.diagnostics.some((d) => d.code === 'unknown-metric' && d.message.includes('F-3'))).toBe(true);
  });

  it('the parent: two files alike but for what they extend', () => {
    file(
      'p1.yaml',
      'extends: base.yaml\nname: p1\nmechanisms:\n  - id: F-3\n    obligations:\n      US: { amount: 3B, source: x }\n',
    );
    file(
      'p2.yaml',
      'extends: base.yaml\nname: p2\nmechanisms:\n  - id: F-3\n    obligations:\n      US: { amount: 1B, source: x }\n',
    );
    const c1 = file('c1.yaml', 'extends: p1.yaml\nname: child\n');
    const c2 = file('c2.yaml', 'extends: p2.yaml\nname: child\n');
    expect(reused(c2, [c1])).toEqual(ALL.filter((id) => id !== 'F-3'));
    // Children of one parent share its merged tree: its patched F-3 too.
    const c3 = file('c3.yaml', 'extends: p1.yaml\nname: child 3\n');
    expect(reused(c3, [c1])).toEqual(ALL);
  });
});

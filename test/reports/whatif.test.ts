// The what-if settings of `report --interactive` (src/report/whatif.ts), in Node: the
// controls the baseline offers, typed values read exactly and refused out of range, the
// settings evaluated as `run` evaluates the patch they write, and the page the command
// writes (its patch's `extends`, its JSON block escaped, the static report untouched).
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dec } from '../../src/core/money.js';
import { loadScenario } from '../../src/normalize/load.js';
import { Loader } from '../../src/read/load.js';
import { toJson } from '../../src/render/json.js';
import { controlsOf, evaluateSettings, fileSettings, patchOf, readTyped } from '../../src/report/whatif.js';
import { cli } from '../support/cli.js';
import { tempDir, writeFiles } from '../support/scenario.js';

const s = loadScenario('scenarios/compact-2026.yaml', new Loader(process.cwd())).scenario!;
const k = controlsOf(s, 'base', s.basis);
const ctl = (path: string) => k.inputs.find((i) => i.path === path)!;
const SUBSIDY = 'mechanisms[F-3].subsidyRate.value';
const OBLIGATIONS = 'mechanisms[F-3].obligations.US.amount';

describe('what-if controls of the baseline', () => {
  it('bounds each ranged input by its range, the others by the format, and lists every gate with its path', () => {
    // The baseline's ranges: F-3 $2B-3B, F-4 crowd-in 1.5x-2.5x, F-5 $500M-1B (US) and $250-500M (IL).
    expect(k.inputs.filter((i) => i.ranged).map((i) => [i.path, i.lo.toPlain(), i.hi?.toPlain()])).toEqual([
      [OBLIGATIONS, '2000000000', '3000000000'],
      ['mechanisms[F-4].crowdIn.value', '1.5', '2.5'],
      ['mechanisms[F-5].commit.US.amount', '500000000', '1000000000'],
      ['mechanisms[F-5].commit.IL.amount', '250000000', '500000000'],
    ]);
    // A rate not written as a range: 0% to 100%, starting at the file's 5%.
    expect([ctl(SUBSIDY).lo.toPlain(), ctl(SUBSIDY).hi?.toPlain(), ctl(SUBSIDY).start.toPlain()]).toEqual(['0', '1', '0.05']);
    // No claim tolerance, no probability (only simulate reads it), no share of a profile.
    expect(k.inputs.some((i) => /^claims\[|\.probability$|\[\d+\]$/.test(i.path))).toBe(false);
    expect(k.gates.map((g) => [g.key, g.outcome, g.holds])).toEqual([
      ['F-4/fund-2', 'mechanisms[F-4].waves[fund-2].gate.holds', true],
      ['F-5', 'mechanisms[F-5].study.passes', true],
      ['S-1B', 'mechanisms[S-1B].study.passes', true],
    ]);
    expect(k.bases.map((b) => b.id)).toContain('federal');
  });

  it('reads a typed value exactly and refuses one out of range with the range', () => {
    const sub = ctl(SUBSIDY);
    for (const t of ['10', '10%', ' 10.0 ']) expect(readTyped(sub, t)).toMatchObject({ ok: true });
    const ten = readTyped(sub, '10');
    expect(ten.ok && ten.value.toPlain()).toBe('0.1');
    expect(readTyped(sub, '150')).toEqual({ ok: false, message: 'out of range; type a value from 0% to 100%' });
    const ob = readTyped(ctl(OBLIGATIONS), '2,750');
    expect(ob.ok && ob.value.toPlain()).toBe('2750000000'); // 2,750 USD millions
    expect(readTyped(ctl(OBLIGATIONS), '3500')).toEqual({
      ok: false,
      message: 'out of range; type a value from 2000 USD millions to 3000 USD millions',
    });
    expect(readTyped(sub, 'ten')).toEqual({ ok: false, message: 'not a number; type a value from 0% to 100%' });
  });

  it('writes the settings as a patch that run reproduces, figure for figure', async () => {
    const st = fileSettings(k);
    st.values[SUBSIDY] = '0.1';
    st.gates['F-4/fund-2'] = false;
    const patch = patchOf(s, k, st, 'compact-2026');
    expect(patch).toBe(
      [
        '# Written by the interactive report (report --interactive): save it beside the report;',
        '# `compact-model run` on it gives the figures the report showed.',
        'extends: "compact-2026"',
        'name: Compact 2026 as published, what-if',
        'description: "Settings of the interactive report: mechanisms[F-3].subsidyRate.value = 10%; mechanisms[F-4].waves[fund-2].gate.holds = false."',
        'mechanisms:',
        '  - id: F-3',
        '    subsidyRate: { value: 10% }',
        '  - id: F-4',
        '    waves:',
        '      - id: fund-2',
        '        gate: { holds: false }',
        '',
      ].join('\n'),
    );
    // The guide shows this very patch (docs/guide/reports.md, "What if").
    const guide = readFileSync('docs/guide/reports.md', 'utf8');
    expect(guide).toContain(`# file: what-if.yaml\n${patch}\`\`\``);
    const dir = writeFiles({ 'what-if.yaml': patch });
    const r = await cli(['run', join(dir, 'what-if.yaml'), '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as { metrics: Record<string, any> };
    const here = toJson(evaluateSettings(s, 'base', st)) as { metrics: Record<string, any> };
    expect(here.metrics).toEqual(run.metrics);
    // 5% -> 10% of F-3's 2,500 face value: 125 -> 250; the U.S. budget cost 4382.5 + 125 = 4507.5.
    // F-4 is not appropriated on the as-published basis: its second fund failing costs nothing less.
    expect(run.metrics.budgetCost.US).toBe('4507.5');
  });

  it('writes every input back where the file has it: all changed at once, run on the patch agrees', async () => {
    const st = fileSettings(k);
    // Each input moved inside its bounds: a range to its high end, a rate up a point (down
    // at 100%), an amount or a ratio up a half.
    for (const i of k.inputs) {
      const one = i.unit === 'rate' ? Dec.of('0.01') : undefined;
      const v = i.ranged
        ? i.hi!
        : one
          ? i.start.plus(one).gt(Dec.ONE)
            ? i.start.minus(one)
            : i.start.plus(one)
          : i.start.times(1.5);
      st.values[i.path] = v.exact();
    }
    for (const g of k.gates) st.gates[g.key] = !g.holds;
    st.basis = 'federal';
    const dir = writeFiles({ 'all.yaml': patchOf(s, k, st, 'compact-2026') });
    const r = await cli(['run', join(dir, 'all.yaml'), '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    const run = JSON.parse(r.stdout) as { metrics: unknown; flows: unknown };
    const here = toJson(evaluateSettings(s, 'base', st)) as { metrics: unknown; flows: unknown };
    expect(here.metrics).toEqual(run.metrics);
    expect(here.flows).toEqual(run.flows);
  });

  it('writes the basis when it is not the file’s, and a ranged input at its base value not at all', () => {
    const st = fileSettings(k);
    st.basis = 'federal';
    st.values[OBLIGATIONS] = '2500000000'; // the base value of $2B-3B
    const patch = patchOf(s, k, st, 'compact-2026');
    expect(patch).toContain('scoring: { basis: federal }');
    expect(patch).not.toContain('obligations');
  });
});

describe('report --interactive writes one page', () => {
  it('extends the scenario from the report’s folder, escapes its JSON, and leaves the plain report without script', async () => {
    const dir = writeFiles({
      'plan.yaml': 'extends: compact-2026\nname: "Plan </script><script>alert(1)</script> & co"\n',
    });
    mkdirSync(join(dir, 'out'));
    const r = await cli(['report', 'plan.yaml', '--interactive', '-o', 'out/r.html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out', 'r.html'), 'utf8');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('</script><script>alert');
    const block = /<script type="application\/json" id="whatif-data">([^<]*)<\/script>/.exec(html)![1]!;
    const data = JSON.parse(block) as { extendsPath: string; scenario: { name: string } };
    expect(data.extendsPath).toBe('../plan.yaml');
    expect(data.scenario.name).toBe('Plan </script><script>alert(1)</script> & co');
    expect(block).toContain('\\u003c/script\\u003e');

    const plain = join(tempDir(), 'plain.html');
    const p = await cli(['report', join(dir, 'plan.yaml'), '-o', plain]);
    expect(p.code, p.stderr).toBe(0);
    expect(readFileSync(plain, 'utf8')).not.toMatch(/<script/);
  });
});

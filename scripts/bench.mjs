// `npm run bench`: the speed figures of issue 4, each printed with its target.
// Wall times of the real command (bin/compact-model.js) in child processes, paired
// and repeated (median); the growth exponent from in-process runs on synthetic scenarios.
// Run `npm run build` first. Machine load changes the figures: read them as a range.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'compact-model.js');
const node = process.execPath;
const quick = process.argv.includes('--quick');
const reps = quick ? 3 : 7;

const wall = (args, opts = {}) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: root, maxBuffer: 1 << 26, ...opts });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return s;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const report = (name, value, target, ok, note = '') => {
  rows.push({ name, value, target, ok });
  console.log(`${ok ? 'MEETS ' : 'MISSES'}  ${name}: ${value}  (target ${target})${note ? `  ${note}` : ''}`);
};

console.log(
  `compact-model bench · node ${process.version} · ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'} · ${reps} repetitions, medians`,
);

// 1. run on the baseline vs node -e 0, paired: each repetition times both back to back.
{
  const base = [],
    run = [];
  for (let i = 0; i < reps + 1; i++) {
    const a = wall(['-e', '0']),
      b = wall([bin, 'run']);
    if (i > 0) {
      base.push(a);
      run.push(b);
    } // the first pair warms the disk cache
  }
  const ratio = median(run.map((r, i) => r / base[i]));
  report(
    'run (baseline) / node -e 0',
    `${ratio.toFixed(2)}x (run ${(median(run) * 1000).toFixed(0)} ms, node -e 0 ${(median(base) * 1000).toFixed(0)} ms)`,
    '<= 2.0x',
    ratio <= 2.0,
  );
}

// 2. simulate 100,000 and 1,000,000 trials of the baseline.
for (const [n, target] of [
  [100_000, 0.5],
  [1_000_000, 3.0],
]) {
  const ts = [];
  for (let i = 0; i < Math.min(reps, n > 100_000 ? 3 : reps); i++)
    ts.push(wall([bin, 'simulate', '--trials', String(n), '--format', 'json']));
  const t = median(ts);
  report(`simulate ${n.toLocaleString('en-US')} trials`, `${t.toFixed(2)} s`, `<= ${target} s`, t <= target);
}

// 3. check of 1,000 scenario files vs the yaml package alone parsing the same files.
{
  const dir = mkdtempSync(join(tmpdir(), 'cm-bench-check-'));
  const shipped = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));
  for (const f of shipped) copyFileSync(join(root, 'scenarios', f), join(dir, f));
  const files = shipped.map((f) => join(dir, f));
  for (let i = files.length; i < 1000; i++) {
    const f = join(dir, `variant-${String(i).padStart(4, '0')}.yaml`);
    writeFileSync(
      f,
      `extends: ${shipped[i % shipped.length]}\nname: variant ${i}\nmechanisms:\n  - id: F-2\n    appropriations:\n      US: { amount: ${200 + (i % 100)}M, per: year }\n`,
    );
    files.push(f);
  }
  const parse = join(dir, 'parse-only.mjs');
  writeFileSync(
    parse,
    `import { readFileSync } from 'node:fs';\nimport { parseDocument } from ${JSON.stringify(join(root, 'node_modules', 'yaml', 'dist', 'index.js'))};\nfor (const f of process.argv.slice(2)) parseDocument(readFileSync(f, 'utf8'));\n`,
  );
  const hasCheck = spawnSync(node, [bin, 'check', '--help'], { cwd: root }).status === 0;
  const yamlT = [],
    checkT = [];
  for (let i = 0; i < Math.max(3, reps - 2); i++) {
    yamlT.push(wall([parse, ...files]));
    checkT.push(hasCheck ? wall([bin, 'check', ...files]) : NaN);
  }
  const ratio = median(checkT.map((c, i) => c / yamlT[i]));
  report(
    'check 1,000 files / yaml parse alone',
    `${ratio.toFixed(2)}x (check ${median(checkT).toFixed(2)} s, yaml ${median(yamlT).toFixed(2)} s)`,
    '<= 1.5x',
    ratio <= 1.5,
    hasCheck ? '' : '(check not registered)',
  );
  rmSync(dir, { recursive: true, force: true });
}

// 4. Growth of cost with years x mechanisms: load + exact evaluation, in process.
{
  const dir = mkdtempSync(join(tmpdir(), 'cm-bench-growth-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { loadScenario, evaluate } from ${JSON.stringify(join(root, 'src', 'pipeline.ts'))};\n`);
  const out = join(root, 'dist', `.bench-pipeline-${process.pid}.mjs`); // inside the package, so its node_modules resolve
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
  });
  const { loadScenario, evaluate } = await import(out);
  const synthetic = (Y, M) => {
    const kinds = [
      (i) =>
        `  - id: M${i}\n    kind: grant-program\n    appropriations:\n      US: { amount: 10M, per: year }\n      IL: { amount: 5M-15M, per: year }\n`,
      (i) =>
        `  - id: M${i}\n    kind: credit-facility\n    obligations:\n      US: 1B-2B\n    subsidyRate: 5%\n    match:\n      IL: 20M\n`,
      (i) =>
        `  - id: M${i}\n    kind: equity-vehicle\n    investments:\n      US: 100M\n    distributions: { multiple: 1.5x, lag: 3, over: 3 }\n`,
      (i) =>
        `  - id: M${i}\n    kind: lp-fund-waves\n    waves:\n      - { id: w1, year: 1, commit: { US: 50M, IL: 50M } }\n    crowdIn: 1.5x-2.5x\n`,
      (i) =>
        `  - id: M${i}\n    kind: gated-project\n    study: { months: 6, probability: 50% }\n    window: { months: 24 }\n    commit: { US: 50M }\n`,
      (i) => `  - id: M${i}\n    kind: grant-program\n    appropriations:\n      US: { amount: 1B, per: total }\n`,
    ];
    let y = `name: synthetic ${Y} years x ${M} mechanisms\nhorizon: { start: FY2027, years: ${Y} }\ngovernments: [US, IL]\ntargets: { floor: 500M, mobilization: 10B }\nmechanisms:\n`;
    for (let i = 0; i < M; i++) y += kinds[i % kinds.length](i);
    const f = join(dir, `s-${Y}-${M}.yaml`);
    writeFileSync(f, y);
    return f;
  };
  const time = (f) => {
    const ts = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      const { scenario } = loadScenario(f);
      const ev = evaluate(scenario, 'base');
      ev.measure.money('headlineMobilization');
      ts.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
    return median(ts);
  };
  const points = [
    [10, 6],
    [30, 6],
    [100, 6],
    [10, 60],
    [10, 600],
    [100, 60],
    [100, 600],
  ];
  const xs = [],
    ys = [];
  time(synthetic(10, 6)); // warm up the JIT
  for (const [Y, M] of points) {
    const t = time(synthetic(Y, M));
    xs.push(Math.log(Y * M));
    ys.push(Math.log(t));
    console.log(`        ${String(Y).padStart(3)} years x ${String(M).padStart(3)} mechanisms: ${(t * 1000).toFixed(1)} ms`);
  }
  const mx = xs.reduce((a, b) => a + b) / xs.length,
    my = ys.reduce((a, b) => a + b) / ys.length;
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const at = (Y, M) => ys[points.findIndex(([y, m]) => y === Y && m === M)];
  const eYears = (at(100, 6) - at(10, 6)) / Math.log(10),
    eMechs = (at(10, 600) - at(10, 6)) / Math.log(100);
  const eBoth = (at(100, 600) - at(10, 6)) / Math.log(1000);
  report(
    'growth exponent of cost in years x mechanisms',
    `${slope.toFixed(2)} overall (least squares, ${points.length} sizes); years 10 -> 100: ${eYears.toFixed(2)}; mechanisms 6 -> 600: ${eMechs.toFixed(2)}; both: ${eBoth.toFixed(2)}`,
    '<= 1 (linear)',
    Math.max(slope, eYears, eMechs, eBoth) <= 1.1,
  );
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { force: true });
}

const missed = rows.filter((r) => !r.ok).length;
console.log(missed ? `${missed} of ${rows.length} figures miss their target` : `all ${rows.length} figures meet their targets`);

// `npm run bench`: the speed figures of issues 13 and 26, each printed beside its target.
// Wall times of the real command (bin/compact-model.js) in child processes: the runs of a
// comparison are interleaved (each repetition times all of them back to back), ratios are
// taken within one repetition, and the figure is the median over repetitions. Run
// `npm run build` first. Machine load changes the figures: read them as a range.
//
//   node scripts/bench.mjs [--quick] [--only run,check,simulate,compare,growth,interactive] [--root DIR]
//
// --root measures another checkout (its bin/, dist/, src/, node_modules/), so a change can
// be measured before and after with the same bench. Caches: every child gets its own
// XDG_CACHE_HOME, empty for a "first run", pre-warmed for a "warm" one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync, readdirSync, readFileSync, rmSync, existsSync, appendFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One bench entry bundled for Node as ESM (a `require` for the CommonJS dependencies), with `extra` options. */
const bundleFor = (entry, outfile, extra = {}) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    banner: { js: "import { createRequire as __cmRequire } from 'node:module'; const require = __cmRequire(import.meta.url);" },
    logLevel: 'warning',
    ...extra,
  });

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(arg('--root') ?? here);
const bin = join(root, 'bin', 'compact-model.js');
const node = process.execPath;
const quick = process.argv.includes('--quick');
const only = arg('--only')?.split(',');
const want = (s) => !only || only.includes(s);
const reps = quick ? 3 : 7;
const scratch = mkdtempSync(join(tmpdir(), 'cm-bench-'));
const freshCache = () => mkdtempSync(join(scratch, 'cache-'));

const wall = (args, opts = {}) => {
  const { env, ...rest } = opts;
  const t = process.hrtime.bigint();
  const r = spawnSync(node, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: root,
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
    ...rest,
  });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return s;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
const rows = [];
const report = (name, value, target, ok, note = '') => {
  rows.push({ name, value, target, ok });
  console.log(`${ok ? 'MEETS ' : 'MISSES'}  ${name}: ${value}  (target ${target})${note ? `  ${note}` : ''}`);
};

console.log(
  `compact-model bench · ${root} · node ${process.version} · ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'} · ${reps} repetitions, medians`,
);

// 1. run on the baseline vs node -e 0 (issue 26's targets): a first run (an empty cache
// folder each time); the edit-run loop (the scenario changed since the last run, caches
// otherwise warm: a copy of the baseline renamed each time, and another with one figure
// changed each time, F-2's U.S. appropriation: the run memo answers a rename, not a
// figure); an identical re-run (answered from the output cache, src/cli/replay.ts).
if (want('run')) {
  const warm = freshCache();
  const edited = join(mkdtempSync(join(scratch, 'edit-')), 'plan.yaml');
  const baseline = readFileSync(join(root, 'scenarios', 'compact-2026.yaml'), 'utf8');
  let edits = 0;
  const edit = () =>
    writeFileSync(
      edited,
      baseline.replace('\nname: Compact 2026 as published\n', `\nname: Compact 2026 as published, edit ${edits++}\n`),
    );
  const figured = join(mkdtempSync(join(scratch, 'edit-')), 'plan.yaml');
  const f2 = '      US: { amount: 250M, per: year, source: "$250m per year from each nation';
  if (!baseline.includes(f2)) throw new Error("bench: the baseline's F-2 U.S. line moved; update the figure edit");
  const figure = () => writeFileSync(figured, baseline.replace(f2, f2.replace('250M', `${250 + (edits % 50)}M`)));
  edit();
  figure();
  wall([bin, 'run'], { env: { XDG_CACHE_HOME: warm } });
  wall([bin, 'run', edited], { env: { XDG_CACHE_HOME: warm } });
  wall([bin, 'run', figured], { env: { XDG_CACHE_HOME: warm } });
  const base = [],
    cold = [],
    hot = [],
    loop = [],
    loopFig = [],
    off = [];
  for (let i = 0; i < reps + 1; i++) {
    const a = wall(['-e', '0']),
      b = wall([bin, 'run'], { env: { XDG_CACHE_HOME: freshCache() } }),
      c = wall([bin, 'run'], { env: { XDG_CACHE_HOME: warm } });
    edit();
    figure();
    const e = wall([bin, 'run', edited], { env: { XDG_CACHE_HOME: warm } }),
      g = wall([bin, 'run', figured], { env: { XDG_CACHE_HOME: warm } }),
      d = wall([bin, 'run'], { env: { XDG_CACHE_HOME: warm, COMPACT_MODEL_NO_CACHE: '1' } });
    if (i > 0) {
      // the first round warms the disk cache
      base.push(a);
      cold.push(b);
      hot.push(c);
      loop.push(e);
      loopFig.push(g);
      off.push(d);
    }
  }
  const ratio = (xs) => median(xs.map((r, i) => r / base[i]));
  const [rc, rh, rl, rf, ro] = [ratio(cold), ratio(hot), ratio(loop), ratio(loopFig), ratio(off)];
  report(
    'run (baseline) / node -e 0, first run (caches empty)',
    `${rc.toFixed(2)}x (run ${ms(median(cold))}, node -e 0 ${ms(median(base))})`,
    '<= 3.5x',
    rc <= 3.5,
  );
  report(
    'run / node -e 0, the edit-run loop: the plan renamed since the last run',
    `${rl.toFixed(2)}x (run ${ms(median(loop))})`,
    '<= 2.0x',
    rl <= 2.0,
  );
  report(
    'run / node -e 0, the edit-run loop: a figure changed since the last run',
    `${rf.toFixed(2)}x (run ${ms(median(loopFig))})`,
    '<= 2.0x',
    rf <= 2.0,
  );
  report(
    'run (baseline) / node -e 0, an identical re-run',
    `${rh.toFixed(2)}x (run ${ms(median(hot))})`,
    '<= 1.5x',
    rh <= 1.5,
    `(COMPACT_MODEL_NO_CACHE=1: ${ro.toFixed(2)}x, ${ms(median(off))})`,
  );
  for (const [label, args] of [
    ['--help', ['--help']],
    ['schema', ['schema']],
  ]) {
    const bs = [],
      ts = [];
    for (let i = 0; i < reps; i++) {
      bs.push(wall(['-e', '0']));
      ts.push(wall([bin, ...args], { env: { XDG_CACHE_HOME: warm } }));
    }
    console.log(`        ${label}: ${median(ts.map((t, i) => t / bs[i])).toFixed(2)}x (${ms(median(ts))}, caches warm)`);
  }
}

// 2. check of 1,000 scenario files vs the yaml package alone parsing the same files; then
// the same set re-checked after one file changed (the cache of the previous check kept).
if (want('check')) {
  const dir = mkdtempSync(join(scratch, 'check-'));
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
  const rel = files.map((f) => f.slice(dir.length + 1));
  const yamlT = [],
    coldT = [],
    againT = [];
  let k = 0;
  for (let i = 0; i < Math.max(3, reps - 2); i++) {
    const cache = freshCache();
    yamlT.push(wall([parse, ...rel], { cwd: dir }));
    coldT.push(wall([bin, 'check', ...rel], { cwd: dir, env: { XDG_CACHE_HOME: cache } }));
    // one file changed since that check
    appendFileSync(files[10 + (k++ % 900)], `description: changed ${k}\n`);
    againT.push(wall([bin, 'check', ...rel], { cwd: dir, env: { XDG_CACHE_HOME: cache } }));
  }
  const rc = median(coldT.map((c, i) => c / yamlT[i])),
    ra = median(againT.map((c, i) => c / yamlT[i]));
  report(
    'check 1,000 files / yaml parse alone, cold',
    `${rc.toFixed(2)}x (check ${median(coldT).toFixed(2)} s, yaml ${median(yamlT).toFixed(2)} s)`,
    '<= 6x',
    rc <= 6,
  );
  report(
    'check 1,000 files / yaml parse alone, one file changed',
    `${ra.toFixed(2)}x (check ${median(againT).toFixed(2)} s)`,
    '<= 1.5x',
    ra <= 1.5,
  );
}

// 3. simulate 100,000 and 1,000,000 trials of the baseline.
if (want('simulate')) {
  for (const [n, target] of [
    [100_000, 0.45],
    [1_000_000, 1.3],
  ]) {
    const ts = [];
    for (let i = 0; i < Math.min(reps, n > 100_000 ? 3 : reps); i++)
      ts.push(wall([bin, 'simulate', '--trials', String(n), '--format', 'json']));
    const t = median(ts);
    report(`simulate ${n.toLocaleString('en-US')} trials`, `${t.toFixed(2)} s`, `<= ${target} s`, t <= target);
  }
}

// 3b. compare over the shipped scenarios against a warm run of each of them, back to back
// (issue 24: about the time of the runs, not more).
if (want('compare')) {
  const warm = freshCache();
  const shipped = readdirSync(join(root, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join('scenarios', f));
  wall([bin, 'compare', ...shipped], { env: { XDG_CACHE_HOME: warm } });
  for (const f of shipped) wall([bin, 'run', f], { env: { XDG_CACHE_HOME: warm } });
  const cs = [],
    rs = [];
  for (let i = 0; i < reps; i++) {
    cs.push(wall([bin, 'compare', ...shipped], { env: { XDG_CACHE_HOME: warm } }));
    rs.push(shipped.reduce((a, f) => a + wall([bin, 'run', f], { env: { XDG_CACHE_HOME: warm } }), 0));
  }
  const r = median(cs.map((c, i) => c / rs[i]));
  report(
    `compare of the ${shipped.length} shipped scenarios / ${shipped.length} warm runs`,
    `${r.toFixed(2)}x (compare ${ms(median(cs))}, runs ${ms(median(rs))})`,
    '<= 1.0x',
    r <= 1.0,
  );
}

// 4. Growth of cost with mechanisms x years, end to end: load, evaluate, render (table and
// JSON). The command refuses more than 10,000 mechanism-years (the hostile-input cap), so
// sizes within it are timed as the real command and every size in process (the same
// stages as `run`, the cap lifted), output written to /dev/null.
if (want('growth')) {
  const kinds = [
    (i) => `- {id: M${i},kind: grant-program,appropriations: {US: {amount: 10M,per: year},IL: {amount: 5M-15M,per: year}}}\n`,
    (i) => `- {id: M${i},kind: credit-facility,obligations: {US: 1B-2B},subsidyRate: 5%,match: {IL: 20M}}\n`,
    (i) => `- {id: M${i},kind: equity-vehicle,investments: {US: 100M},distributions: {multiple: 1.5x,lag: 3,over: 3}}\n`,
    (i) => `- {id: M${i},kind: lp-fund-waves,waves: [{id: w1,year: 1,commit: {US: 50M,IL: 50M}}],crowdIn: 1.5x-2.5x}\n`,
    (i) => `- {id: M${i},kind: gated-project,study: {months: 6,probability: 50%},window: {months: 24},commit: {US: 50M}}\n`,
    (i) => `- {id: M${i},kind: grant-program,appropriations: {US: {amount: 1B,per: total}}}\n`,
  ];
  const dir = mkdtempSync(join(scratch, 'growth-'));
  const synthetic = (M, Y) => {
    let y = `name: synthetic ${M} mechanisms x ${Y} years\nhorizon: {start: FY2027, years: ${Y}}\ngovernments: [US, IL]\ntargets: {floor: 500M, mobilization: 10B}\nmechanisms:\n`;
    for (let i = 0; i < M; i++) y += kinds[i % kinds.length](i);
    const f = join(dir, `s-${M}-${Y}.yaml`);
    writeFileSync(f, y);
    return f;
  };
  const sizes = quick
    ? [
        [10, 10],
        [100, 10],
        [1000, 10],
        [10, 100],
        [100, 100],
        [1000, 100],
      ]
    : [
        [10, 10],
        [100, 10],
        [1000, 10],
        [10000, 10],
        [10, 100],
        [100, 100],
        [1000, 100],
        [10000, 100],
      ];
  // The real command, where the cap allows.
  const cli = [];
  for (const [M, Y] of sizes.filter(([M, Y]) => M * Y <= 10_000)) {
    const f = synthetic(M, Y);
    const t = { M, Y };
    for (const fmt of ['json', 'table']) {
      const ts = [];
      for (let i = 0; i < 3; i++) ts.push(wall([bin, 'run', f, '--format', fmt], { env: { XDG_CACHE_HOME: freshCache() } }));
      t[fmt] = median(ts);
    }
    cli.push(t);
  }
  // In process: a bundle of the run stages from src/ (its own node_modules).
  const entry = join(dir, 'entry.ts');
  const src = (p) => JSON.stringify(join(root, 'src', p));
  const hasStream = existsSync(join(root, 'src', 'render', 'json-stream.ts'));
  writeFileSync(
    entry,
    `import { Loader } from ${src('read/load.ts')};
import { LIMITS } from ${src('read/tree.ts')};
import { loadScenario } from ${src('normalize/load.ts')};
import { evaluate } from ${src('measure/evaluate.ts')};
import { buildRunReport } from ${src('report/run.ts')};
import { renderTerminal, makeChalk } from ${src('render/terminal.ts')};
import { toJson } from ${src('render/json.ts')};
${hasStream ? `import { writeJson } from ${src('render/json-stream.ts')};` : ''}
import { openSync, writeSync, closeSync } from 'node:fs';
LIMITS.maxNodes = Infinity; // the bench's largest plan has more values than a hostile-input cap allows
export function runOnce(file, format) {
  const loader = new Loader(process.cwd(), { limits: { mechanismYears: Infinity } });
  const loaded = loadScenario(file, loader);
  if (!loaded.scenario) throw new Error(loaded.diags.items.map((d) => d.message).join('; '));
  const ev = evaluate(loaded.scenario, 'base');
  const fd = openSync('/dev/null', 'w');
  try {
    if (format === 'table') writeSync(fd, renderTerminal(buildRunReport(ev), makeChalk(false, {}), { width: 100 }));
    else ${hasStream ? `writeJson(toJson(ev, loaded.diags.items), (s) => writeSync(fd, s));` : 'writeSync(fd, JSON.stringify(toJson(ev, loaded.diags.items), null, 2));'}
  } finally { closeSync(fd); }
}
`,
  );
  const out = join(root, 'dist', `.bench-run-${process.pid}.mjs`); // inside the package, so its node_modules resolve
  await bundleFor(entry, out, {
    // The dependencies bundled as the command bundles them (with its shims), so the
    // figure is the product's; exceljs is not on these paths.
    external: ['exceljs', 'playwright-core'],
    plugins: existsSync(join(root, 'scripts', 'shims', 'plugin.mjs'))
      ? [(await import(join(root, 'scripts', 'shims', 'plugin.mjs'))).shims]
      : [],
  });
  // Each size in a fresh process (a 1M mechanism-year run must not inherit another's heap).
  const inproc = [];
  // A large size runs once (its JIT warm-up is noise); each size has 10 minutes.
  const timeIn = (f, fmt, warm = true) => {
    const r = spawnSync(
      node,
      [
        '--max-old-space-size=8192',
        '--input-type=module',
        '-e',
        `const { runOnce } = await import(${JSON.stringify(out)}); ${warm ? `runOnce(${JSON.stringify(f)}, '${fmt}');` : ''} const t = process.hrtime.bigint(); runOnce(${JSON.stringify(f)}, '${fmt}'); console.log(Number(process.hrtime.bigint() - t) / 1e9);`,
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20, timeout: 600_000 },
    );
    if (r.error) return { error: 'over 10 minutes' };
    if (r.status !== 0) return { error: (r.stderr.split('\n').find((l) => /Error|error/.test(l)) ?? r.stderr).slice(0, 120) };
    return { t: Number(r.stdout.trim().split('\n').pop()) };
  };
  for (const [M, Y] of sizes) {
    const f = synthetic(M, Y);
    const t = { M, Y };
    for (const fmt of ['json', 'table'])
      t[fmt] = M * Y > 100_000 && quick ? { error: 'skipped (--quick)' } : timeIn(f, fmt, M * Y < 100_000);
    inproc.push(t);
  }
  rmSync(out, { force: true });
  const cell = (x) => (x.error ? `failed: ${x.error}` : `${(x.t * 1000).toFixed(0)} ms`);
  console.log('        mechanisms x years   command json / table        in process json / table (second run)');
  for (const p of inproc) {
    const c = cli.find((x) => x.M === p.M && x.Y === p.Y);
    console.log(
      `        ${String(p.M).padStart(6)} x ${String(p.Y).padStart(3)}        ${c ? `${ms(c.json).padStart(8)} / ${ms(c.table).padStart(8)}` : '   (over the cap)   '}     ${cell(p.json)} / ${cell(p.table)}`,
    );
  }
  // Exponent: least squares of log time on log(mechanism-years) over the in-process runs of
  // at least 1,000 mechanism-years (below that the fixed costs hide the slope); any
  // failed size counts as a miss.
  const exps = [];
  let failed = false;
  for (const fmt of ['json', 'table']) {
    const pts = inproc.filter((p) => p.M * p.Y >= 1000);
    if (pts.some((p) => p[fmt].error && !/skipped/.test(p[fmt].error))) failed = true;
    const ok = pts.filter((p) => !p[fmt].error);
    const xs = ok.map((p) => Math.log(p.M * p.Y)),
      ys = ok.map((p) => Math.log(p[fmt].t));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length,
      my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    exps.push(`${fmt} ${slope.toFixed(2)}`);
    exps[fmt] = slope;
  }
  // The steepest step: 10x more mechanisms at the same years (a superlinear spot shows here first).
  const steps = [];
  for (const fmt of ['json', 'table'])
    for (const p of inproc) {
      const q = inproc.find((x) => x.Y === p.Y && x.M === p.M * 10);
      if (q && p.M * p.Y >= 1000 && !p[fmt].error && !q[fmt].error)
        steps.push({ fmt, from: p, e: Math.log(q[fmt].t / p[fmt].t) / Math.log(10) });
    }
  const steep = steps.reduce((a, b) => (b.e > a.e ? b : a), { e: -Infinity });
  if (steps.length)
    exps.push(
      `steepest step ${steep.fmt} ${steep.from.M} -> ${steep.from.M * 10} mechanisms x ${steep.from.Y} years: ${steep.e.toFixed(2)}`,
    );
  const worst = Math.max(exps.json, exps.table, steps.length ? steep.e : 0);
  report(
    'growth exponent in mechanisms x years, end to end (load, evaluate, render)',
    `${exps.join(', ')} (least squares, sizes >= 1,000 mechanism-years)${failed ? '; some sizes FAILED' : ''}`,
    '<= 1.1',
    worst <= 1.1 && !failed,
  );
}

// The interactive report's recompute of the baseline (report --interactive): what the page's
// script does on a change (evaluate with the settings, the report model, its markup, the
// patch), in Node, warm, median of 21; the browser adds its DOM update (the browser test
// logs the whole in Chromium).
if (want('interactive') && existsSync(join(root, 'src', 'report', 'whatif.ts'))) {
  const entry = join(scratch, 'whatif-entry.ts');
  const out = join(root, 'dist', `.bench-whatif-${process.pid}.mjs`); // inside the package, so it finds its root
  const src = (f) => JSON.stringify(join(root, 'src', f));
  writeFileSync(
    entry,
    `import { loadScenario } from ${src('normalize/load.ts')};
import { Loader } from ${src('read/load.ts')};
import { buildRunReport } from ${src('report/run.ts')};
import { controlsOf, evaluateSettings, fileSettings, patchOf } from ${src('report/whatif.ts')};
import { reportParts } from ${src('render/html.ts')};
const s = loadScenario('scenarios/compact-2026.yaml', new Loader(process.cwd())).scenario;
const k = controlsOf(s, 'base', s.basis);
const ts = [];
for (let i = 0; i < 26; i++) {
  const st = fileSettings(k);
  st.values['mechanisms[F-3].subsidyRate.value'] = String(0.05 + (i % 5) / 100);
  const t = process.hrtime.bigint();
  reportParts(buildRunReport(evaluateSettings(s, 'base', st)));
  patchOf(s, k, st, 'compact-2026');
  if (i >= 5) ts.push(Number(process.hrtime.bigint() - t) / 1e6);
}
console.log(ts.sort((a, b) => a - b)[10]);
`,
  );
  await bundleFor(entry, out);
  const r = spawnSync(node, [out], { cwd: root, encoding: 'utf8' });
  rmSync(out, { force: true });
  if (r.status !== 0) throw new Error(`interactive bench: ${r.stderr}`);
  const t = Number(r.stdout.trim());
  report(
    'interactive report: a recompute of the baseline (engine, model, markup, patch; no DOM)',
    `${t.toFixed(1)} ms`,
    '< 100 ms',
    t < 100,
  );
}

rmSync(scratch, { recursive: true, force: true });
const missed = rows.filter((r) => !r.ok).length;
console.log(missed ? `${missed} of ${rows.length} figures miss their target` : `all ${rows.length} figures meet their targets`);

// `run` for people in a terminal: headline metrics, the floor and target verdicts,
// claims that do not hold, then cash flows by year x mechanism for each government.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import { type Dec, displayMillions } from '../core/money.js';
import type { Evaluation } from '../pipeline.js';
import { isActive } from '../compute/engine.js';
import type { MoneyMetric } from '../measure/paths.js';
import { publishedText, yearLabel } from './json.js';
import { metricText, ratioText } from './format.js';

/** Colour only on a TTY; FORCE_COLOR and NO_COLOR win over that (FORCE_COLOR=0 turns it off). */
export function makeChalk(isTTY: boolean, env: NodeJS.ProcessEnv): ChalkInstance {
  let on = isTTY;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') on = false;
  if (env.FORCE_COLOR !== undefined) on = env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return new Chalk({ level: on ? 1 : 0 });
}

/** cli-table3 with its built-in colours off (they leak into pipes); we colour cells ourselves. */
export function table(head: string[], c: ChalkInstance, align: ('left' | 'right')[] = []): Table.Table {
  return new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: head.map((_, i) => align[i] ?? (i === 0 ? 'left' : 'right')),
  });
}

const money = (x: Dec) => displayMillions(x);

export function renderTable(ev: Evaluation, c: ChalkInstance): string {
  const { scenario: s, measure: m } = ev;
  const N = s.horizon.years;
  const govs = s.governments.map((g) => g.code);
  const scopes = [...govs, 'total'];
  const out: string[] = [];
  const verdict = (met: boolean | null) => (met === null ? c.dim('n/a') : met ? c.green('MET') : c.red.bold('NOT MET'));

  out.push(c.bold(s.name));
  out.push(
    `${s.file}${s.chain.length > 1 ? ` (extends ${s.chain.slice(1).join(' -> ')})` : ''} · case: ${ev.case} · FY${s.horizon.start}-FY${s.horizon.start + N - 1} · USD millions`,
  );
  // run treats every gate as settled the way the file says; say so, with the odds simulate uses.
  const gates: string[] = [];
  const odds = (p?: { value: { base: Dec } }) => (p ? ` (p = ${p.value.base.times(100).toPlain(2)}%)` : '');
  for (const mech of s.mechanisms) {
    if (mech.kind === 'gated-project')
      gates.push(`${mech.id} study ${mech.study.passes ? 'passes' : 'fails'}${odds(mech.study.probability)}`);
    if (mech.kind === 'lp-fund-waves')
      for (const w of mech.waves)
        if (w.gate) gates.push(`${mech.id} ${w.id} gate ${w.gate.holds ? 'holds' : 'does not hold'}${odds(w.gate.probability)}`);
  }
  if (gates.length) out.push(c.dim(`Assumes as written: ${gates.join('; ')}. See \`simulate\` for the odds.`));
  out.push('');

  const head = table(
    ['Headline (10-year totals)', ...govs.map((g) => s.governments.find((x) => x.code === g)!.code), 'Total'],
    c,
  );
  const rows: [string, MoneyMetric][] = [
    ['Public commitment', 'publicCommitment'],
    ['Budget cost (appropriated basis)', 'budgetCost'],
    ['Outlays (within horizon)', 'outlays'],
    ['Public capital deployed', 'deployed'],
    ['Distributions back', 'distributions'],
    ['Commitment net of distributions', 'netAfterReturns'],
    ['Private capital mobilized', 'privateMobilized'],
    [s.targets.includeFollowOn ? 'Grant follow-on (in headline)' : 'Grant follow-on (not in headline)', 'followOn'],
    ['Headline mobilization', 'headlineMobilization'],
  ];
  for (const [label, metric] of rows) head.push([label, ...scopes.map((sc) => money(m.money(metric, sc)))]);
  head.push(['Leverage, commitment basis', ...scopes.map((sc) => ratioText(m.leverage('commitment', sc)))]);
  head.push(['Leverage, budget-cost basis', ...scopes.map((sc) => ratioText(m.leverage('budget', sc)))]);
  out.push(head.toString());
  out.push('');

  // Floor and target
  const floor = m.floorAmount();
  if (floor !== null) {
    out.push(
      c.bold(
        `Floor: at least ${money(floor)} per government per year${s.targets.floor?.source ? ` (${s.targets.floor.source})` : ''}`,
      ),
    );
    // The Compact says "at least $500M per year": shown both as a 10-year average and year by year.
    const ft = table(['Government / basis', 'Average / yr', 'Shortfall (10 yr)', 'On average', 'Years met', 'Every year'], c);
    for (const g of govs)
      for (const basis of ['appropriated', 'commitment'] as const) {
        const f = m.floor(g, basis);
        ft.push([
          `${g} ${basis}`,
          money(f.average),
          f.shortfall === null ? '-' : money(f.shortfall),
          verdict(f.met),
          `${f.yearsMet}/${N}`,
          verdict(f.everyYear),
        ]);
      }
    out.push(ft.toString());
  }
  const t = m.target();
  if (t.target !== null) {
    out.push(
      `${c.bold('Target:')} ${money(t.target)} mobilized over ${N} years${s.targets.mobilization?.source ? ` (${s.targets.mobilization.source})` : ''}: headline ${money(t.headline)} -> ${verdict(t.met)}`,
    );
  }
  out.push('');

  // Mechanisms
  const mt = table(['Mechanism', 'Kind', 'Commitment', 'Budget cost', 'Private', 'Follow-on', 'Leverage (commit.)'], c, [
    'left',
    'left',
  ]);
  for (const mech of s.mechanisms) {
    const active = isActive(s, mech);
    const label =
      `${mech.id} ${mech.label}`.slice(0, 48) +
      (active ? '' : c.dim(mech.kind === 'gated-project' ? ' (study fails)' : ' (inactive fallback)'));
    mt.push([
      label,
      mech.kind,
      money(m.money('publicCommitment', 'total', mech.id)),
      money(m.money('budgetCost', 'total', mech.id)),
      money(m.money('privateMobilized', 'total', mech.id)),
      money(m.money('followOn', 'total', mech.id)),
      ratioText(m.leverage('commitment', 'total', mech.id)),
    ]);
  }
  out.push(mt.toString());
  out.push('');

  // Claims
  const failing = ev.claims.filter((x) => !x.holds);
  out.push(c.bold(`Claims: ${ev.claims.length - failing.length} of ${ev.claims.length} hold`));
  if (failing.length) {
    const ct = table(['Claim that does not hold', 'Metric', 'Published', 'Computed', 'Source'], c, ['left', 'left']);
    for (const r of failing) {
      const pub = publishedText(r.claim.published, r.claim.metric);
      ct.push([
        wrap(r.claim.text ?? r.claim.id, 34),
        r.claim.metric.replace(/ \+ /g, ' +\n'),
        `${r.claim.comparison === 'atLeast' ? '>= ' : r.claim.comparison === 'atMost' ? '<= ' : '~'}${String(pub)}${r.claim.tolerance.isZero() ? '' : ` ±${r.claim.tolerance.times(100).toPlain(2)}%`}`,
        c.red(metricText(r.computed, r.claim.metric)),
        wrap(r.claim.source ?? '', 24),
      ]);
    }
    out.push(ct.toString());
  }
  out.push('');

  // Cash flows per government: years x mechanisms
  for (const g of govs) {
    for (const [title, metric] of [
      ['commitments', 'publicCommitment'],
      ['budget cost', 'budgetCost'],
    ] as const) {
      out.push(c.bold(`${g}: ${title} by year and mechanism`));
      const cols = s.mechanisms.filter(
        (mech) => !m.money(metric, g, mech.id).isZero() || !m.money(metric, g, mech.id, N).isZero(),
      );
      const ct = table(['Year', ...cols.map((x) => x.id), 'Total'], c);
      for (let y = 0; y <= N; y++) {
        if (y === N && m.money(metric, g, undefined, N).isZero()) continue;
        ct.push([
          yearLabel(s.horizon.start, y, N),
          ...cols.map((x) => money(m.money(metric, g, x.id, y))),
          money(m.money(metric, g, undefined, y)),
        ]);
      }
      ct.push([c.bold('Total'), ...cols.map((x) => c.bold(money(m.money(metric, g, x.id)))), c.bold(money(m.money(metric, g)))]);
      out.push(ct.toString());
      out.push('');
    }
  }
  return out.join('\n');
}

function wrap(s: string, width: number): string {
  const words = s.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && (cur + ' ' + w).length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? cur + ' ' + w : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

// One function per mechanism kind: the mechanism as written -> its typed form, with the
// kind's defaults (budget treatment, curves, ratios) and its own consistency checks.
import { M } from '../core/messages.js';
import { Dec } from '../core/money.js';
import type { MechanismInput } from '../validate/schema.js';
import type { Budget, CreditMech, EquityMech, GatedMech, Gate, GrantMech, LpMech, Mech, Program, Wave } from './types.js';
import { ZERO_RANGE, type Normalizer, type Path } from './context.js';

type Input<K extends Mech['kind']> = Extract<MechanismInput, { kind: K }>;
type Base = Pick<Mech, 'id' | 'label' | 'source' | 'loc'>;

export function mechanism(c: Normalizer, m: MechanismInput, p: Path): Mech {
  const base: Base = { id: m.id, label: m.label ?? m.id, source: m.source, loc: c.at(p) };
  switch (m.kind) {
    case 'grant-program':
      return grantProgram(c, m, p, base);
    case 'equity-vehicle':
      return equityVehicle(c, m, p, base);
    case 'credit-facility':
      return creditFacility(c, m, p, base);
    case 'lp-fund-waves':
      return lpFundWaves(c, m, p, base);
    case 'gated-project':
      return gatedProject(c, m, p, base);
  }
}

function grantProgram(c: Normalizer, m: Input<'grant-program'>, p: Path, base: Base): GrantMech {
  const programIds = new Set<string>();
  const programs: Program[] = (m.programs ?? []).map((pr, j) => {
    const pp: Path = [...p, 'programs', j];
    if (programIds.has(pr.id))
      c.diags.error('duplicate-id', M.duplicateId('program', pr.id), c.at([...pp, 'id']), M.duplicateIdHint);
    programIds.add(pr.id);
    return {
      id: pr.id,
      label: pr.label ?? pr.id,
      source: pr.source,
      loc: c.at(pp),
      amounts: c.perGov(pr.amount, [...pp, 'amount']),
      followOn: c.sourced(pr.followOn, 'ratio', [...pp, 'followOn'], c.defaultRatio('followOn')),
    };
  });
  return {
    ...base,
    kind: m.kind,
    budget: m.budget ?? 'appropriated',
    appropriations: c.perGov(m.appropriations, [...p, 'appropriations']),
    spendOut: c.profile(m.spendOut, [...p, 'spendOut'], c.defSpendOut),
    followOn: c.sourced(m.followOn, 'ratio', [...p, 'followOn'], c.defaultRatio('followOn')),
    programs,
  };
}

function equityVehicle(c: Normalizer, m: Input<'equity-vehicle'>, p: Path, base: Base): EquityMech {
  const d = m.distributions ?? c.assumptions.distributions;
  const dp: Path = m.distributions ? [...p, 'distributions'] : ['assumptions', 'distributions'];
  return {
    ...base,
    kind: m.kind,
    budget: m.budget ?? 'none',
    investments: c.perGov(m.investments, [...p, 'investments']),
    distributions: d
      ? { multiple: c.sourced(d.multiple, 'ratio', [...dp, 'multiple']), lag: d.lag, over: d.over, source: d.source }
      : undefined,
    coInvest: c.sourced(m.coInvest, 'ratio', [...p, 'coInvest'], c.defaultRatio('coInvest')),
  };
}

function creditFacility(c: Normalizer, m: Input<'credit-facility'>, p: Path, base: Base): CreditMech {
  let subsidy = m.subsidyRate !== undefined ? c.sourced(m.subsidyRate, 'rate', [...p, 'subsidyRate']) : c.defSubsidy;
  if (!subsidy) {
    c.diags.error('missing-key', `${c.pathText(p)}: ${M.subsidyMissing}`, c.at(p), M.subsidyMissingHint);
    subsidy = { value: ZERO_RANGE, loc: c.at(p), path: c.pathText([...p, 'subsidyRate']) };
  }
  if (subsidy.value.high.gt(Dec.ONE))
    c.diags.error('rate-above-one', `${subsidy.path}: ${M.rateAboveOne('the subsidy rate')}`, subsidy.loc, M.subsidyRateHint);
  const match = Object.entries(m.match ?? {}).flatMap(([g, raw]) => {
    const mp: Path = [...p, 'match', g];
    if (!c.checkGov(g, mp)) return [];
    const alloc = c.allocation(g, raw, mp);
    if (!alloc) return [];
    const o = typeof raw === 'object' && raw !== null ? (raw as { label?: string; budget?: Budget }) : {};
    return [{ alloc, label: o.label ?? `${g} match`, budget: o.budget ?? 'appropriated' }];
  });
  return {
    ...base,
    kind: m.kind,
    budget: m.budget ?? 'appropriated',
    obligations: c.perGov(m.obligations, [...p, 'obligations']),
    subsidyRate: subsidy,
    disbursement: c.profile(m.disbursement, [...p, 'disbursement'], c.defDisbursement),
    match,
    coFinance: c.sourced(m.coFinance, 'ratio', [...p, 'coFinance'], c.defaultRatio('coFinance')),
  };
}

function lpFundWaves(c: Normalizer, m: Input<'lp-fund-waves'>, p: Path, base: Base): LpMech {
  const crowd = c.sourced(m.crowdIn, 'ratio', [...p, 'crowdIn'], c.defaultRatio('crowdIn'));
  const waveIds = new Set<string>();
  const waves: Wave[] = [];
  m.waves.forEach((w, j) => {
    const wp: Path = [...p, 'waves', j];
    if (waveIds.has(w.id)) c.diags.error('duplicate-id', M.duplicateId('wave', w.id), c.at([...wp, 'id']), M.duplicateIdHint);
    waveIds.add(w.id);
    const y = c.yearIndex(w.year, [...wp, 'year']);
    let gate: Gate | undefined;
    if (w.gate) {
      const prob =
        w.gate.probability !== undefined
          ? c.fig(w.gate.probability, 'rate', [...wp, 'gate', 'probability'], w.gate.source)
          : undefined;
      if (prob?.value.high.gt(Dec.ONE))
        c.diags.error('invalid-probability', `${prob.path}: ${M.gateProbability}`, prob.loc, M.probabilityHint('80%', '0.8'));
      gate = {
        label: w.gate.label ?? 'gate',
        holds: w.gate.holds ?? true,
        probability: prob,
        source: w.gate.source,
        loc: c.at([...wp, 'gate']),
      };
    }
    if (y === undefined) return;
    waves.push({
      id: w.id,
      label: w.label ?? w.id,
      year: y,
      loc: c.at(wp),
      gate,
      commits: c.commits(w.commit, [...wp, 'commit'], w.source),
      crowdIn: c.sourced(w.crowdIn, 'ratio', [...wp, 'crowdIn'], crowd),
    });
  });
  for (let j = 1; j < waves.length; j++)
    if (waves[j]!.year < waves[j - 1]!.year)
      c.diags.error(
        'wave-order',
        `${c.pathText([...p, 'waves', j])}: ${M.waveOrder(waves[j]!.id, c.start + waves[j]!.year)}`,
        waves[j]!.loc,
        M.waveOrderHint,
        'rule',
      );
  return {
    ...base,
    kind: m.kind,
    budget: m.budget ?? 'none',
    waves,
    drawdown: c.drawdown(m.drawdown, [...p, 'drawdown'], c.defDrawdown),
  };
}

function gatedProject(c: Normalizer, m: Input<'gated-project'>, p: Path, base: Base): GatedMech {
  const s = m.study;
  const months = c.years * 12;
  const prob = s.probability !== undefined ? c.fig(s.probability, 'rate', [...p, 'study', 'probability'], s.source) : undefined;
  if (prob?.value.high.gt(Dec.ONE))
    c.diags.error('invalid-probability', `${prob.path}: ${M.gateProbability}`, prob.loc, M.probabilityHint('60%', '0.6'));
  const startMonth = s.startMonth ?? 0;
  const windowEnd = startMonth + s.months + m.window.months;
  // A window past the horizon books the rest after it: worth a warning, not an error.
  if (windowEnd > months)
    c.diags.warn(
      'window-after-horizon',
      M.windowAfterHorizon(m.id, windowEnd - months),
      c.at([...p, 'window', 'months']),
      M.windowAfterHorizonHint,
    );
  if (startMonth + s.months >= months)
    c.diags.error(
      'gate-timing',
      `${c.pathText([...p, 'study'])}: ${M.studyAfterHorizon(startMonth + s.months, months)}`,
      c.at([...p, 'study', 'months']),
      M.studyAfterHint,
    );
  return {
    ...base,
    kind: m.kind,
    budget: m.budget ?? 'appropriated',
    study: {
      startMonth,
      months: s.months,
      passes: s.passes ?? true,
      probability: prob,
      source: s.source,
      loc: c.at([...p, 'study']),
    },
    windowMonths: m.window.months,
    commits: c.commits(m.commit, [...p, 'commit']),
    spendOut: c.profile(m.spendOut, [...p, 'spendOut'], c.defSpendOut),
    coFinance: c.sourced(m.coFinance, 'ratio', [...p, 'coFinance'], c.defaultRatio('coFinance')),
    fallback: m.fallback === undefined || m.fallback === 'none' ? undefined : m.fallback,
  };
}

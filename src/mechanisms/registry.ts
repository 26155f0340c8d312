// The mechanism kinds, one module each. A new kind is a new module and one line here.
import type { MechBase } from '../model/scenario.js';
import { creditFacility } from './credit-facility.js';
import { equityVehicle } from './equity-vehicle.js';
import { gatedProject } from './gated-project.js';
import { grantProgram } from './grant-program.js';
import type { MechanismKind } from './kind.js';
import { loanGuarantee } from './loan-guarantee.js';
import { lpFundWaves } from './lp-fund-waves.js';
import { taxCredit } from './tax-credit.js';

export const KINDS = [grantProgram, equityVehicle, creditFacility, loanGuarantee, lpFundWaves, gatedProject, taxCredit] as const;

export const KIND_NAMES = KINDS.map((k) => k.kind);

const byKind = new Map<string, MechanismKind>(KINDS.map((k) => [k.kind, k as unknown as MechanismKind]));

/**
 * The module of a mechanism's kind. Every module's functions take its own mechanism type;
 * a mechanism's `kind` names its module, so the dispatch is sound.
 */
export function kindOf(m: MechBase): MechanismKind {
  const k = byKind.get(m.kind);
  if (!k) throw new Error(`no module for mechanism kind ${m.kind}`);
  return k;
}

// The sections of the run report, in the order they are shown. A new section is one file
// in this folder (a RunSection: its id and how it is built from the RunContext) and one
// line here.
import { byYear } from './by-year.js';
import { charts } from './charts.js';
import { claims } from './claims.js';
import type { RunSection } from './context.js';
import { headline } from './headline.js';
import { inputs } from './inputs.js';
import { mechanisms } from './mechanisms.js';
import { verdicts } from './verdicts.js';

export const RUN_SECTIONS: readonly RunSection[] = [headline, verdicts, mechanisms, claims, byYear, charts, inputs];

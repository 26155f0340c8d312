// The scenario `compact-model init` writes: a patch on the shipped baseline with one
// commented example per thing a user can change. Each example is kept as live YAML here
// so a test can uncomment them all and check that the result still loads and runs.
import { forTerminal } from '../core/text.js';

export interface Section {
  /** Prose shown as `# ` comments above the example. */
  about: string[];
  /** YAML (top-level key and its body) shown commented out; must be valid when uncommented. */
  example: string;
}

/** Examples under one `mechanisms:` key, so uncommenting several keeps one list. */
const MECHANISM_EXAMPLES: Section[] = [
  {
    about: [
      'Change a mechanism of the baseline by its id: only the keys you write change.',
      'Here: the DFC facility (F-3) at $3B face value instead of $2B-3B.',
    ],
    example: `  - id: F-3
    obligations:
      US: { amount: 3B, per: total, source: "assumption: upper end of the range" }`,
  },
  {
    about: ['Add a grant program (appropriations; outlays follow a spend-out profile).'],
    example: `  - id: G-1
    kind: grant-program
    label: New bilateral grant line
    appropriations:
      US: { amount: 50M, per: year, from: FY2028 }
      IL: { amount: 50M, per: year, from: FY2028 }
    spendOut: grants-new
    source: "assumption: why this program"`,
  },
  {
    about: ['Add an equity vehicle (no budget cost by convention; distributions come back later).'],
    example: `  - id: E-1
    kind: equity-vehicle
    investments:
      US: { amount: 500M, per: total, from: FY2027, to: FY2031 }
    distributions: { multiple: 1.5x, lag: 5, over: 5 }
    coInvest: 1x`,
  },
  {
    about: ['Add a credit facility (budget cost = subsidy rate x face value, when obligated).'],
    example: `  - id: C-1
    kind: credit-facility
    obligations:
      US: { amount: 1B, per: total }
    subsidyRate: 4%
    disbursement: loans`,
  },
  {
    about: ['Add LP fund waves (anchor commitments; private LPs crowd in; a later wave may be gated).'],
    example: `  - id: L-1
    kind: lp-fund-waves
    waves:
      - { id: wave-1, year: 2, commit: { US: 200M, IL: 200M } }
      - { id: wave-2, year: 7, commit: { US: 200M, IL: 200M }, gate: { label: performance, holds: false } }
    crowdIn: 2x
    drawdown: takahashi-alexander`,
  },
  {
    about: ['Add a feasibility-gated project (nothing is committed until the study passes).'],
    example: `  - id: P-1
    kind: gated-project
    study: { months: 9, passes: true, probability: 60% }
    window: { months: 18 }
    commit:
      US: $200M-400M
    fallback: none`,
  },
];

export const SECTIONS: Section[] = [
  {
    about: ['Targets: the floor per government per year and the mobilization target over the horizon.'],
    example: `targets:
  floor: { value: 600M, source: "assumption: a higher floor" }
  mobilization: 12B`,
  },
  {
    about: [
      'Mechanisms. A list item with the id of a baseline mechanism patches it;',
      'a new id adds one (any kind); `- { id: F-5, remove: true }` drops one',
      '(remove the claims that name it too).',
    ],
    example:
      'mechanisms:\n' + MECHANISM_EXAMPLES.map((m) => [...m.about.map((a) => `  # ${a}`), m.example].join('\n')).join('\n'),
  },
  {
    about: [
      'Claims: published figures to test against the model (`run` shows each).',
      'The metric is a path such as budgetCost.US.perYear or leverage.commitment.total.',
    ],
    example: `claims:
  - id: my-claim
    text: "private capital of at least $4B"
    metric: privateMobilized.total
    comparison: atLeast
    published: 4B
    source: "where the figure comes from"`,
  },
];

/**
 * The file's text. `extendsRef` is a shipped scenario's short name (or a path relative to
 * the new file's folder), written quoted so no character of it (` #` in a folder name)
 * can cut it short; `schemaPath` is relative to the new file's folder; `live` uncomments
 * every example (for tests).
 */
export function initTemplate(name: string, extendsRef: string, schemaPath: string, live = false): string {
  const comment = (line: string) => (live ? line : line === '' ? '#' : `# ${line}`);
  const lines = [
    // In a comment, a line break in a folder name would end it: shown visibly instead.
    `# yaml-language-server: $schema=${forTerminal(schemaPath)}`,
    '#',
    '# A scenario that patches a shipped baseline: it holds only what differs.',
    '# Run it:      compact-model run FILE      (compare: compact-model diff BASELINE FILE)',
    '# Uncomment an example below and edit it; each one works as written.',
    '# Amounts: 250M, $2.5B, ranges $2B-3B. Years: FY2030 or a year number (1 = the first).',
    `extends: ${JSON.stringify(extendsRef)}`,
    // A control character in a name is refused when read: keep it visible instead.
    `name: ${JSON.stringify(forTerminal(name))}`,
  ];
  for (const s of SECTIONS) {
    lines.push('');
    for (const a of s.about) lines.push(`# ${a}`);
    // One level of `# ` on every line, so an editor's toggle-comment restores the YAML.
    for (const l of s.example.split('\n')) lines.push(comment(l));
  }
  return lines.join('\n') + '\n';
}

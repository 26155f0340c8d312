// What `--help` adds after commander's usage, for every command: examples (each a command
// that runs from the repository root), its exit codes, and where its documentation is.
// Help is laid out for the terminal's width, at most 80 columns when it is not a terminal.
import type { Command } from 'commander';
import type { IO } from './io.js';

/** Where the command-line reference lives, in the repository and the package. */
export const DOCS_CLI = 'docs/reference/cli.md';

/** The width help is laid out for: the terminal's, else 80 (at most 100, so lines stay readable). */
export function helpWidth(io: IO): number {
  return Math.max(40, Math.min(io.columns ?? 80, 100));
}

export interface HelpSpec {
  examples: [command: string, what: string][];
  /** Exit codes besides 0 (ok): 1 and 2 as they apply to this command. */
  exits: [code: number, meaning: string][];
}

const UNUSABLE = 'unusable input: the file or the command line (a diagnostic says where)';

export const HELP: Record<string, HelpSpec> = {
  '': {
    examples: [
      ['compact-model run', 'the shipped baseline, as tables'],
      ['compact-model init my-plan', 'start a scenario (init --blank: a plan from nothing)'],
      ['compact-model check scenarios/*.yaml', 'validate and check every scenario'],
      ['compact-model diff scenarios/compact-2026.yaml scenarios/f3-high.yaml', 'compare'],
      ['compact-model run --help', 'the options of one command'],
    ],
    exits: [
      [1, 'a rule, assertion or threshold failed (numbers are still printed)'],
      [2, UNUSABLE],
    ],
  },
  run: {
    examples: [
      ['compact-model run', 'the shipped baseline'],
      ['compact-model run scenarios/f3-high.yaml --case high', 'one scenario at its high end'],
      ['compact-model run scenarios/f3-high.yaml --format json -o out.json', 'JSON to a file'],
      ['compact-model run --discount 3% --inflation 2%', 'with present values'],
    ],
    exits: [
      [1, 'the scenario breaks a rule (the numbers are still printed)'],
      [2, UNUSABLE],
    ],
  },
  diff: {
    examples: [
      ['compact-model diff scenarios/compact-2026.yaml scenarios/f3-high.yaml', 'two files'],
      ['compact-model diff scenarios/f3-high.yaml --against HEAD~1', 'a file against git'],
      ["compact-model diff scenarios/compact-2026.yaml scenarios/f3-high.yaml --fail-if 'budgetCost.US > +100'", 'a gate for CI'],
    ],
    exits: [
      [1, 'a --fail-if threshold was crossed'],
      [2, UNUSABLE],
    ],
  },
  compare: {
    examples: [
      ["compact-model compare 'scenarios/*.yaml'", 'every shipped option against the first'],
      [
        'compact-model compare scenarios/f3-high.yaml scenarios/f4-no-second-wave.yaml --baseline scenarios/compact-2026.yaml',
        'two options against a named reference',
      ],
      ["compact-model compare 'scenarios/*.yaml' --format html -o options.html", 'the options with charts'],
      [
        "compact-model compare 'scenarios/*.yaml' --metrics budgetCost.US,target.met --simulate 2000",
        'chosen rows, with their odds',
      ],
    ],
    exits: [
      [1, 'a scenario breaks a rule, e.g. a failed assertion (the table is still printed)'],
      [2, `${UNUSABLE}; a broken file is left out and the others are still compared`],
    ],
  },
  explain: {
    examples: [
      ['compact-model explain budgetCost.US', 'in the shipped baseline'],
      ['compact-model explain scenarios/f3-high.yaml leverage.commitment.total', 'in a file'],
    ],
    exits: [[2, `${UNUSABLE}, or an unknown metric`]],
  },
  report: {
    examples: [
      ['compact-model report -o report.html', 'the shipped baseline'],
      ['compact-model report scenarios/f3-high.yaml -o f3.html --simulate 10000', 'with a fan chart'],
      ['compact-model report --interactive -o what-if.html', 'what-if in the browser: controls that recompute it'],
    ],
    exits: [
      [1, 'the scenario breaks a rule (the report is still written)'],
      [2, UNUSABLE],
    ],
  },
  check: {
    examples: [
      ['compact-model check scenarios/*.yaml', 'every scenario; claims summarized per file'],
      ['compact-model check --verbose scenarios/f3-high.yaml', 'each claim in full'],
      ['compact-model check --format github scenarios/*.yaml', 'in GitHub Actions'],
    ],
    exits: [
      [1, 'a rule or assertion failed (a claim too, with --strict-claims; a target, with --strict-targets)'],
      [2, 'a file is unusable (unreadable, invalid YAML, not the format)'],
    ],
  },
  simulate: {
    examples: [
      ['compact-model simulate', 'the shipped baseline, 10,000 trials'],
      ['compact-model simulate scenarios/f5-study-fails.yaml --trials 50000 --seed 7', ''],
    ],
    exits: [[2, UNUSABLE]],
  },
  sensitivity: {
    examples: [
      ['compact-model sensitivity', 'what moves headline mobilization most'],
      ['compact-model sensitivity scenarios/f3-high.yaml --metric budgetCost.US', ''],
    ],
    exits: [[2, UNUSABLE]],
  },
  estimate: {
    examples: [
      ['compact-model estimate', 'the cost estimate of the baseline, per government'],
      ['compact-model estimate --basis federal', 'as a federal scorekeeper: equity and LP commitments as direct spending'],
      ['compact-model estimate --against scenarios/f2-current-law.yaml', 'only the increment over a current-law scenario'],
      ['compact-model estimate scenarios/federal-basis.yaml --format markdown', 'for a memo'],
      ['compact-model estimate --format xlsx -o estimate.xlsx', 'a workbook'],
    ],
    exits: [
      [1, 'the scenario breaks a rule (the estimate is still printed)'],
      [2, UNUSABLE],
    ],
  },
  solve: {
    examples: [
      ['compact-model solve', 'what it would take to close each failing test'],
      [
        "compact-model solve --goal 'floor.US.appropriated.met' --vary 'mechanisms[F-2].appropriations.US.amount'",
        'the F-2 amount that meets the floor',
      ],
    ],
    exits: [
      [1, 'the goal cannot be reached by varying that input'],
      [2, `${UNUSABLE}, or no value of the input makes sense`],
    ],
  },
  schema: {
    examples: [['compact-model schema > scenario.schema.json', 'for an editor (see the docs)']],
    exits: [],
  },
  init: {
    examples: [
      ['compact-model init my-plan', 'my-plan.yaml: a patch of the shipped baseline'],
      ['compact-model init --blank new-plan', 'new-plan.yaml: a plan from nothing'],
    ],
    exits: [[2, 'the file exists (use --force) or cannot be written']],
  },
};

/** The text after commander's help for `name` ('' is the program itself). */
export function helpAfter(name: string): string {
  const spec = HELP[name];
  if (!spec) return '';
  const lines = ['', 'Examples:'];
  for (const [cmd, what] of spec.examples) {
    lines.push(`  $ ${cmd}`);
    if (what) lines.push(`      ${what}`);
  }
  lines.push('', 'Exit codes:', '  0  ok');
  for (const [code, meaning] of spec.exits) lines.push(`  ${code}  ${meaning}`);
  const anchor = name ? `#${name}` : '';
  lines.push('', `Documentation: ${DOCS_CLI}${anchor}`);
  return `${lines.join('\n')}\n`;
}

/** Adds the examples, exit codes and docs pointer to the program and each command, and the width. */
export function addHelp(program: Command, io: () => IO): void {
  const width = () => helpWidth(io());
  for (const c of [program, ...program.commands]) {
    const name = c === program ? '' : c.name();
    c.configureHelp({
      // Commands by name and arguments: `[options]` on every line only narrowed the descriptions.
      subcommandTerm: (sub) =>
        [
          sub.name(),
          ...sub.registeredArguments.map((a) =>
            a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`,
          ),
        ].join(' '),
    });
    c.configureOutput({ getOutHelpWidth: width, getErrHelpWidth: width });
    c.addHelpText('after', () => wrapHelp(helpAfter(name), width()));
  }
}

/**
 * Wraps lines of the help footer wider than `width` at spaces, continuing under their
 * indent + 4; a command example breaks with a shell continuation (` \`), so it still pastes.
 */
function wrapHelp(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((l) => {
      if ([...l].length <= width) return [l];
      const shell = l.startsWith('  $ ');
      const room = shell ? width - 2 : width;
      const indent = ' '.repeat(l.length - l.trimStart().length + 4);
      const out: string[] = [];
      let line = '';
      for (const w of l.split(/(?<=\S) /)) {
        if (line && [...line].length + 1 + [...w].length > room) {
          out.push(shell ? `${line} \\` : line);
          line = indent + w.trimStart();
        } else line = line ? `${line} ${w}` : w;
      }
      out.push(line);
      return out;
    })
    .join('\n');
}

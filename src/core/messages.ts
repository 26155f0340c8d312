// Every text a user reads in a diagnostic, in one place, so wording stays consistent.

export const M = {
  // report --interactive (src/report/whatif.ts, src/render/whatif/*, cli/commands/report.ts)
  whatifBetween: (lo: string, hi: string) => `from ${lo} to ${hi}`,
  whatifAtLeast: (lo: string) => `at least ${lo}`,
  whatifNotANumber: (range: string) => `not a number; type a value ${range}`,
  whatifOutOfRange: (range: string) => `out of range; type a value ${range}`,
  whatifNoChange: 'no change from the file',
  whatifPatchName: (name: string) => `${name}, what-if`,
  whatifPatchDescription: (what: string) => `Settings of the interactive report: ${what}.`,
  whatifPatchHead: [
    'Written by the interactive report (report --interactive): save it beside the report;',
    '`compact-model run` on it gives the figures the report showed.',
  ],
  whatifNoBundle: (file: string) => `the interactive report's script is missing (${file})`,
  whatifNoBundleHint: 'build the package first: npm run build (an installed package ships it)',
  whatifNotRecomputed:
    'Not recomputed for these settings: what it would take (solve) and the simulated fan, which are for the values in the file. Run `compact-model solve` or `report --simulate` on the copied patch for them.',
  // solve (src/solve, cli/commands/solve.ts)
  solveUnknownInput: (path: string) => `no input "${path}" in this scenario`,
  solveInputHint: (examples: string) => `name an input as diff, explain and simulate print it, e.g. ${examples}`,
  solveNotAnInput: (path: string) => `"${path}" changes no result; vary an amount, rate or ratio of a mechanism or a target`,
  solveListItem: (path: string) =>
    `"${path}" is one item of a list (a profile's shares add up to 100%, a drawdown's rates go together), so it cannot move alone`,
  solveMet: (goal: string, value: string) =>
    `The goal already holds in the scenario as written: ${goal} (${value}). Nothing to change.`,
  solveSpare: (margin: string) => `${margin} to spare`,
  solveNoValue: (goal: string, what: string) => `${goal} has no value: the scenario sets no ${what}, so no input can meet it.`,
  solveNoValueHint: 'set targets.floor or targets.mobilization in the scenario, or solve for another goal',
  solveUnreachableFlat: (input: string, goal: string, lo: string, hi: string) =>
    `No value of ${input} meets ${goal}: the input does not move the goal's metric at all (the same from ${lo} to ${hi}).`,
  solveUnreachableRange: (input: string, goal: string, lo: string, hi: string) =>
    `No value of ${input} from ${lo} to ${hi} meets ${goal}.`,
  solveSolved: (input: string, value: string, goal: string, own: string, change: string) =>
    `${input} = ${value} meets ${goal} (the scenario has ${own}; change ${change}).`,
  solveExact:
    'Exact: the response is linear near the answer, so it was solved on the line through two exact evaluations and checked by running the model at the answer.',
  solveExactGrid: (grid: string) =>
    `Exact to ${grid}: the boundary lies between two neighbouring values of that grid; the answer is the one that meets the goal.`,
  solveBisection: (precision: string) =>
    `Found by bisection to within ${precision}: steps along a straight line did not land on the boundary (a response with steps or kinks, such as a gate or a count of years); the answer meets the goal and a value ${precision} closer to the scenario's own does not.`,
  solveRange: (written: string, c: string) =>
    `The input is a range as written (${written}); solved for the ${c} case, and the answer is one value.`,
  solveAssumes: (events: string) => `Assumes as written: ${events}; the answer holds for those outcomes only.`,
  solveSearched: (cap: string) =>
    `Searched up to ${cap} (the rules set no ceiling on this input); the response is taken to be monotone between the scenario's own value and the ends of that range.`,
  solvePatchNote: (goal: string, input: string, method: string, c: string, basis: string) =>
    `compact-model solve: the value of ${input} closest to the scenario's own that meets ${goal} (${method}; ${c} case, ${basis} basis)`,
  solveTakeIntro: (basis: string) =>
    `For each test that fails (floor readings on the ${basis} basis and on commitment, and the target), the smallest change to one mechanism amount that closes it, cheapest first: Budget cost added is what the change adds on that basis over the horizon (ties: the smaller commitment added).`,
  solveTakeNone: 'No single mechanism amount closes this test.',
  solveTakeTitle: (goal: string, short: string) => `${goal} (short by ${short})`,
  /** A floor's gap is its average's: per year, and N times that over the horizon (the shortfall `run` shows). */
  solveTakeFloorTitle: (goal: string, perYear: string, years: number, total: string) =>
    `${goal} (short by ${perYear} a year on average: a shortfall of ${total} over the ${years} years)`,
  solveTakeWorstYearTitle: (goal: string, short: string) => `${goal} (short by ${short} in its worst year)`,
  solveTakeUnreachable: (inputs: string) => `No value of these alone closes it: ${inputs}.`,
  solveTakeNothing: 'Every floor and target test holds: nothing to close.',
  solveVaryNeedsGoal: '--vary needs --goal: say what the input should achieve',
  solveVaryNeedsGoalHint: "e.g. --goal floor.US.appropriated.met or --goal 'budgetCost.US.perYear >= 500M'",
  solveOutputNeedsVary: '-o writes the answer for one input: it needs --vary',
  solveOutputNeedsVaryHint: 'pick an input from the "what it would take" table and solve for it with --vary',
  solvePatchStdin: 'a patch extends the scenario file, and standard input has none',
  solvePatchStdinHint: 'save the scenario to a file and solve that',
  solveNoPatch: (why: string) => `no patch written: ${why}\n`,
  solveBadGoal: (goal: string, message: string) => `--goal "${goal}": ${message}`,
  // figures and years as written
  figureHint: {
    amount: 'write an amount in US dollars such as 250M, $2.5B, 1.2bn or 250000000; a range as $2B-3B',
    rate: 'write a rate as a percentage such as 5% (or a fraction such as 0.05); a range as 4%-6%',
    ratio: 'write a ratio such as 2x, 2.5x or 25:1; a range as 1.5x-2.5x',
  },
  notAnAmount: (raw: string) => `"${raw}" is not an amount`,
  negativeAmount: (raw: string) => `"${raw}" is negative; amounts are never negative here`,
  unknownUnit: (raw: string, unit: string) => `"${raw}": unknown unit "${unit}" (use k, M, B or T)`,
  notARate: (raw: string) => `"${raw}" is not a rate`,
  notARatio: (raw: string) => `"${raw}" is not a ratio`,
  notFinite: (x: number) => `${x} is not a finite number`,
  beyondPrecision: (x: number) => `${x} is beyond the precision of a YAML number; write it as a string with a unit`,
  expectedFigure: (unit: string, got: string) => `expected ${unit === 'amount' ? 'an amount' : `a ${unit}`}, got ${got}`,
  emptyValue: 'the value is empty',
  rangeBackwards: (raw: string) => `range "${raw}" runs backwards: its low end is above its high end`,
  tooManyEnds: (raw: string) => `"${raw}" has more than two ends`,
  notAYear: (got: string) => `${got} is not a year`,
  yearNeither: (n: number) => `year ${n} is neither a fiscal year nor a year number of the horizon`,
  yearHint: (start: number, years: number, prefix = 'FY') =>
    `write a ${prefix === 'CY' ? 'calendar' : 'fiscal'} year as ${prefix}${start + 1} (or ${start + 1}), or a year number 1-${years} of the horizon`,
  yearKind: (raw: string, mine: string) =>
    `"${raw}" is a ${mine === 'FY' ? 'calendar' : 'fiscal'} year, but this plan's years are ${mine === 'FY' ? 'fiscal years (FY)' : 'calendar years (CY)'}`,
  yearKindHint: (asMine: string, startOther: string) =>
    `write ${asMine}, or start the horizon at ${startOther} to count the whole plan in those years`,

  // reading
  fileNotFound: (f: string) => `cannot read "${f}": no such file`,
  fileUnreadable: (f: string, code: string) => `cannot read "${f}" (${code})`,
  fileNotFoundHint:
    "check the path; a relative path is read from the current folder (for extends: from the extending file's folder)",
  isDirectory: (f: string) => `"${f}" is a directory, not a scenario file`,
  isDirectoryHint: 'name a .yaml file inside it, e.g. scenarios/compact-2026.yaml',
  streamTooLarge: (f: string, max: number) => `"${f}" holds more than ${max} bytes (the limit for scenario files)`,
  controlCharacter: (code: number) =>
    `the file contains a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}), which YAML does not allow`,
  controlCharacterHint: 'delete it; in a double-quoted string, write an escape such as \\t instead',
  controlCharacterEscaped: (code: number) =>
    `this value holds a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}), which would garble a terminal or a report`,
  controlCharacterEscapedHint: 'a value written with an escape such as \\e or \\x1b holds a control character; remove the escape',
  emptyKey: 'a key is missing before the colon',
  emptyKeyHint: 'write the key name before `:`',
  fileTooLarge: (f: string, size: number, max: number) => `"${f}" is ${size} bytes; scenario files are limited to ${max} bytes`,
  tooLargeHint: 'a scenario is a few hundred lines; split it with extends, or check that this is the file you meant',
  tooManyNodes: (n: number) => `the document expands to more than ${n} values (an alias bomb?)`,
  tooDeep: (n: number) => `nesting deeper than ${n} levels`,
  binaryFile: (f: string) => `"${f}" is binary data, not YAML text`,
  binaryFileHint: 'a scenario is a UTF-8 text file in YAML',
  notUtf8: (f: string) => `"${f}" is not valid UTF-8 text`,
  emptyFile: 'the file is empty',
  emptyFileHint: 'start from a shipped scenario, e.g. `compact-model init my-scenario` or copy scenarios/compact-2026.yaml',
  notAMapping: (what: string) => `a scenario is a mapping of keys (name, horizon, mechanisms, ...), but this file holds ${what}`,
  notAMappingHint: 'the top level should look like `name: ...` on its own line, not `- item` or a bare value',
  yamlSyntax: (m: string) => `YAML syntax error: ${m}`,
  yamlSyntaxHint: (text: string, code: string) =>
    text.includes('\t') && /TAB|INDENT|BAD_INDENT/.test(code)
      ? 'YAML does not allow tabs for indentation; indent with spaces'
      : 'check indentation, colons after keys, and closing quotes or brackets near this place',
  duplicateKey: (m: string) => m.replace(/^Map keys must be unique/, 'a key is written twice in the same mapping'),
  duplicateKeyHint: 'keep one of them; YAML mappings cannot repeat a key',
  complexKey: 'a key must be a plain word, not a list or mapping',
  complexKeyHint: 'write keys as plain words like `amount:`',
  impreciseNumber: (src: string, v: number) =>
    `the number ${src} has more digits than a YAML number keeps (it would be read as ${String(v)})`,
  impreciseNumberHint: (src: string) =>
    `write amounts with a unit (e.g. 2.5B) or quote the figure to keep every digit ("${src}"); other numbers must be smaller`,
  reservedKey: (k: string) => `"${k}" cannot be used as a key`,
  reservedKeyHint: 'rename the key; for a government use its code, e.g. US',
  invalidMerge: 'a merge key (<<) takes a mapping or a list of mappings',
  invalidMergeHint: 'write `<<: *anchor` where the anchor names a mapping, e.g. `base: &base { per: year }`',
  extendsNotAPath: '`extends` must be the path of another scenario file',
  extendsHint:
    'for example `extends: compact-2026` (a shipped scenario) or `extends: ./base.yaml` (a file, relative to this one)',
  extendsCycle: (chain: string) => `extends cycle: ${chain}`,
  extendsTooDeep: (max: number) => `the extends chain is more than ${max} files deep`,
  extendsTooDeepHint: 'a scenario usually extends the baseline directly; shorten the chain',
  extendsOutside: (spec: string, tree: string) =>
    `extends "${spec}" leads outside this scenario's tree (${tree}); scenarios extend files inside it or a shipped scenario`,
  extendsOutsideHint: (shipped: string[]) =>
    `move the file into the scenario's folder (or its git work tree), pass --root DIR to allow another folder, or extend a shipped scenario by name: ${shipped.join(', ')}`,
  unknownShipped: (spec: string) =>
    `"${spec}" is not a shipped scenario (a name without a folder or .yaml names one of the package's scenarios)`,
  unknownShippedHint: (shipped: string[]) =>
    `shipped: ${shipped.join(', ')}; for a file of your own write its path, e.g. ./my-base.yaml`,
  notAScenario: (f: string) => `"${f}" is not a scenario: it has none of a scenario's keys (name, horizon, mechanisms, ...)`,
  notAScenarioHint: 'extends names another scenario file; check the path',
  notAScenarioTopHint:
    'a scenario has at least one of name, horizon, mechanisms, ... at the top level; `compact-model init NAME` writes one',
  impreciseNumberUnquoted: 'a number has more digits than a YAML number keeps',
  unresolvedAlias: (name: string | undefined) => `unresolved alias${name === undefined ? '' : ` *${name}`}`,
  notRegularFile: (f: string) => `"${f}" is not a regular file (a device, a pipe or a socket)`,
  /** Why the input reader (core/files.ts) refused a file, as the CLI and the review word it. */
  inputRefused: (f: string, why: string, code?: string, size?: number, max?: number): string =>
    why === 'missing'
      ? M.fileNotFound(f)
      : why === 'unreadable'
        ? M.fileUnreadable(f, String(code))
        : why === 'directory'
          ? M.isDirectory(f)
          : why === 'not-a-file'
            ? M.notRegularFile(f)
            : why === 'too-large'
              ? M.fileTooLarge(f, size ?? 0, max ?? 0)
              : why === 'in-git-dir'
                ? M.inGitDir(f)
                : M.linkOutsideTree(f),
  linkOutsideTree: (f: string) =>
    `"${f}" is a symbolic link to a file outside its tree (the git work tree it is in, or --root): not read`,
  linkOutsideTreeHint: 'copy the file into the tree, or pass --root DIR to allow the folder it leads to',
  inGitDir: (f: string) => `"${f}" is inside a .git folder: git's own files are never read as input`,
  inGitDirHint: 'name a scenario file of the work tree',
  notRegularFileHint: 'name a scenario file; to read one from a pipe, pass - (standard input)',
  tooManyMechanismYears: (n: number, years: number, max: number) =>
    `${n} mechanisms over ${years} years make ${n * years} mechanism-years; the limit is ${max}`,
  tooManyMechanismYearsHint: 'split the plan into several scenarios, or shorten horizon.years',
  extendsCycleHint: 'a scenario cannot extend itself, directly or through others; point one of them at the baseline instead',

  // schema
  // Invisible characters (a BOM or zero-width space pasted into a key) are spelled out,
  // else the message reads: unknown key "governments".
  unknownKey: (k: string, where: string) => `unknown key "${visible(k)}"${where ? ` in ${where}` : ''}`,
  missingKey: (k: string, where: string) => `missing required key "${k}"${where ? ` in ${where}` : ''}`,
  didYouMean: (s: string) => `did you mean "${s}"?`,
  allowedKeys: (keys: string[]) => `allowed here: ${keys.join(', ')}`,
  unknownKind: (k: string) => `unknown mechanism kind "${k}"`,
  kindNotName: (what: string) => `kind is ${what}; it should name a mechanism kind`,
  kindsHint: (kinds: readonly string[]) => `a mechanism kind is one of: ${kinds.join(', ')}`,
  wrongType: (expected: string, got: string) => `expected ${expected}, got ${got}`,
  badOption: (got: string, options: string[]) => `${got} is not one of ${options.map((o) => `"${o}"`).join(', ')}`,
  tooFew: (min: number) => `needs at least ${min} item${min === 1 ? '' : 's'}`,
  outOfRange: (m: string) => m,

  // normalize
  unknownGovernment: (g: string, known: string[]) => `unknown government "${g}" (declared: ${known.join(', ')})`,
  unknownGovernmentHint: 'declare it under `governments:` or fix the code',
  duplicateId: (what: string, id: string) => `${what} id "${id}" is used twice`,
  duplicateIdHint: 'ids must be unique; rename one',
  reservedId: (id: string) => `mechanism id "${id}" clashes with a government code or a reserved word`,
  yearOutsideHorizon: (y: number, a: number, b: number, p = 'FY') => `${p}${y} is outside the horizon ${p}${a}-${p}${b}`,
  yearOutsideHint: (a: number, b: number, p = 'FY') => `use a year from ${p}${a} to ${p}${b}, or lengthen horizon.years`,
  windowBackwards: (a: number, b: number, p = 'FY') => `the window runs backwards: ${p}${a} to ${p}${b}`,
  windowConflict: 'give at most two of `from`, `to` and `years`',
  allocationEmpty: 'an allocation needs `amount` or `byYear`',
  allocationBoth: 'give either `amount` or `byYear`, not both',
  /** Examples in the plan's own years (its prefix, first and last year). */
  allocationHint: (p = 'FY', a = 2027, b = 2036) =>
    `e.g. \`{ amount: 250M, per: year }\`, \`{ amount: 2.5B, per: total, from: ${p}${a}, to: ${p}${b} }\` or \`{ byYear: { ${p}${a}: 100M } }\``,
  unknownName: (kind: string, name: string, known: string[]) =>
    `unknown ${kind} "${name}"${known.length ? ` (defined: ${known.join(', ')})` : ''}`,
  unknownNameHint: (kind: string) =>
    `define it under assumptions.${kind === 'profile' ? 'profiles' : 'drawdowns'}, or write it inline`,
  sharesSum: (total: string) => `shares sum to ${total}%, not 100%`,
  sharesSumHint: 'the yearly shares of a profile must add up to 100% so every dollar is paid out once',
  rateAboveOne: (what: string) => `${what} is above 100%`,
  gateProbability: 'a probability is between 0% and 100%',
  outcomeStated: (path: string, outcome: string, probFile: string) =>
    `${path} states the outcome (${outcome}) over the probability given in ${probFile}: simulate takes the stated outcome in every trial`,
  outcomeStatedHint: (probPath: string) =>
    `to simulate the odds instead, leave the outcome out of this file or give ${probPath} here too`,
  unknownFallback: (id: string) => `fallback "${id}" is not a mechanism in this scenario`,
  fallbackHint: 'name a mechanism id from `mechanisms:`, or write `fallback: none`',
  wroteFile: (file: string) => `wrote ${file}\n`,
  initWrote: (file: string) => `wrote ${file}; try: compact-model run ${file}\n`,
  claimSumUnits: "only amounts can be added up in a claim's metric",
  claimSumHint: 'write money metrics joined by +, e.g. publicCommitment.US.F-1 + publicCommitment.US.F-2',
  contributionRateHint: 'a rate of contribution is the share of the uncalled commitment called that year: 0% to 100%',
  subsidyRateHint: 'a subsidy rate is the present value of the expected net cost per dollar lent: a few percent',
  subsidyMissing: (what: string) => `${what} needs a subsidy rate`,
  shareHint: 'a share is between 0% and 100%',
  creditRateHint: 'a tax credit rate is a share of the qualified investment: 25% is written 25%',
  feeRateHint: 'a fee rate is a share of the guaranteed amount: a few percent',
  backedBelowGuarantee: 'a guarantee backs at least the loan it guarantees: coFinance below 1x',
  backedBelowGuaranteeHint:
    'coFinance on a loan guarantee is all the lending backed per guaranteed unit, the guaranteed loan included: 1x when the guarantee covers the whole loan, 2x when it covers half',
  rateBelowMinusOne: (what: string) => `${what} is below -100%`,
  subsidyMissingHint:
    'add `subsidyRate: 5%` to the mechanism or under assumptions (federal credit reform: budget cost = subsidy rate x face value)',
  probabilityHint: (pct: string, frac: string) => `write it as ${pct} or ${frac}`,
  waveOrder: (id: string, fy: number, p = 'FY') => `wave "${id}" is in ${p}${fy}, before the wave listed ahead of it`,
  waveOrderHint: 'list waves in the order they launch',
  horizonStartHint: 'write horizon.start as FY2027',
  reservedIdHint: 'rename the mechanism, e.g. F-7',
  booleanHint: 'write true or false',
  metricUnknownPart: (part: string, path: string) => `unknown part "${part}" in metric "${path}"`,
  metricExtraParts: (path: string, head: string) => `metric "${path}" has extra parts after "${head}"`,
  ratioNeedsPart: (head: string, options: readonly string[]) =>
    `${head} needs one more part: ${options.map((o) => `${head}.${o}`).join(' or ')}`,
  floorGovernment: (govs: string[]) => `floor needs a government: ${govs.map((g) => `floor.${g}`).join(', ')}`,
  floorBasis: (gov: string, readings: readonly string[]) => `floor.${gov} needs a reading: ${readings.join(' or ')}`,
  negative: (v: string) => `${v} is negative`,
  negativeHint: 'amounts, rates and ratios are never negative here',
  rangeOrder: (lo: string, hi: string) => `${lo} <= base <= ${hi} does not hold`,
  rangeOrderHint: 'order the ends of the range',
  choice: (options: string[]) => `expected one of ${options.join(', ')}`,
  yearsPastHorizon: (n: number, from: number, start: number, end: number, p = 'FY') =>
    `${n} years from ${p}${from} run past the horizon ${p}${start}-${p}${end}`,
  // expressions (model/expr.ts): every place a metric is accepted
  exprTooLong: (n: number, max: number) => `the expression is ${n} characters long; at most ${max} are read`,
  exprTooLongHint: 'name a part of it under `measures:` and use measure.ID',
  exprTooDeep: (max: number) => `the expression nests deeper than ${max} levels (parentheses or signs)`,
  exprTooDeepHint: 'name an inner part under `measures:` and use measure.ID',
  exprEmpty: 'the expression is empty',
  exprHint:
    'an expression is metric paths and numbers joined by + - * / and parentheses, e.g. headlineMobilization.total / publicCommitment.total',
  exprUnexpected: (tok: string) => `unexpected "${tok}"`,
  exprUnexpectedEnd: 'the expression ends where a metric or a number was expected',
  exprUnclosed: 'a "(" is not closed',
  exprUnclosedHint: 'add the ")" that closes it',
  exprBadChar: (ch: string) => `"${ch}" is not part of an expression`,
  exprNumberUnit: (text: string, unit: string) => `"${text}": unknown unit "${unit}"`,
  exprNumberHint: 'write an amount with a scale (500M, 1.5B, $2bn), a ratio (15x), a share (35%) or a plain number',
  exprHyphenHint: (a: string, b: string) => `to subtract, put spaces around the minus: ${a} - ${b}`,
  exprUnits: (op: string, a: string, b: string) => `cannot ${op} ${a} and ${b}`,
  exprUnitsHint: 'money adds to money; divide two amounts for a ratio; multiply an amount by a number, ratio or share',
  exprCompareUnits: (a: string, b: string) => `compares ${a} with ${b}`,
  exprCompareUnitsHint: (a: string) => `compare ${a} with ${a}${a === 'money' ? ' (an amount such as 500M or 1.5B)' : ''}`,
  exprBooleanArith: (path: string) => `${path} is true or false; it cannot be added, subtracted, multiplied or divided`,
  exprOutsideHorizon: (fy: string, first: string, last: string) => `${fy} is outside the horizon (${first}..${last})`,
  exprOutsideHorizonHint: (first: string, last: string) => `name a year from ${first} to ${last}`,
  exprReversedRange: (from: string, to: string) => `the period ${from}..${to} runs backwards`,
  exprReversedRangeHint: (from: string, to: string) => `write ${to}..${from}`,
  exprRangeMetric: (path: string) => `a period range sums the years of a money metric; "${path}" is not one`,
  /** `pre`: the plan's year prefix (FY or CY); the example spans its first `span` + 1 years. */
  exprRangeHint: (pre: string, start: number, span: number) =>
    `write METRIC.SCOPE.${pre}yyyy..${pre}yyyy, e.g. publicCommitment.total.${pre}${start}..${pre}${start + span}`,
  exprNeedsComparison: (text: string) => `"${text}" compares nothing: an operator (>=, <=, >, <, ==) is missing`,
  exprTestHint: 'a test is EXPRESSION OP VALUE, e.g. multiplier.commitment.total >= 15x',
  exprNotDefined: 'not defined',
  targetNotMet: (what: string, value: string) => `${what} is not met: ${value}`,
  targetNotMetHint: 'a target of the plan (--strict-targets makes a miss an error); solve shows what it would take',
  solveNothingToSolve: (name: string) => `nothing to solve for: "${name}" states no floor, mobilization target or target test`,
  solveNothingToSolveHint:
    'name a goal (--goal "headlineMobilization.total >= 1B"), or state one under targets: (floor, mobilization or tests)',
  exprRangeValueHint: 'write one value (a range is two tests), or put spaces around the minus to subtract: 3B - 1B',
  unknownTargetTest: (id: string, known: string[]) =>
    known.length
      ? `no target test "${id}" (the plan's: ${known.join(', ')})`
      : `no target test "${id}": the plan states none under targets.tests`,
  exprColumn: (col: number, message: string) => `column ${col}: ${message}`,
  exprTestOps: (op: string) => `"${op}" is not allowed in a target test`,
  exprTestOpsHint: 'use >=, <=, >, < or ==',
  // assertions (check)
  assertSyntaxHint:
    'write METRIC OP VALUE, e.g. `budgetCost.US <= 5B`, `floor.US.appropriated.met == true` or `leverage.commitment.total >= 0.2`',
  assertEmpty: 'the assertion is empty',
  assertNoOperator: (text: string) => `"${text}" compares nothing: an operator (<=, <, >=, >, ==, !=) is missing`,
  assertBadOperator: (op: string) => `"${op}" is not a comparison`,
  assertNoValue: (metric: string, op: string) => `nothing to compare ${metric} with after "${op}"`,
  assertNotBoolean: (metric: string, value: string) => `${metric} is true or false, not "${value}"`,
  assertBooleanHint: (metric: string) => `write \`${metric} == true\` or \`${metric} == false\``,
  assertBooleanOp: (metric: string) => `${metric} is true or false and can only be compared with == or !=`,
  assertBooleanOpHint: (metric: string, value: string) => `write \`${metric} == ${value}\``,
  assertAmountHint: 'write USD millions as a plain number (5000) or an amount with a unit (5B, $500M)',
  assertRange: (value: string) => `"${value}" is a range; an assertion compares with one value`,
  assertRangeHint: 'write two assertions, one for each end',
  assertNotNumber: (value: string) => `"${value}" is not a number`,
  assertLeverageHint: 'leverage is private per public dollar: write 0.2 or 0.2x',
  assertNumberHint: 'write a plain number, e.g. 8',
  fallbackTwice: (fb: string, first: string, second: string) =>
    `mechanism "${fb}" is already the fallback of "${first}"; it cannot also back "${second}"`,
  windowAfterHorizon: (id: string, months: number) =>
    `the commitment window of "${id}" ends ${months} months after the horizon; those commitments are reported after it, not in the totals`,
  windowAfterHorizonHint: 'start the study earlier, shorten the window, or lengthen horizon.years',
  fallbackSelf: 'a project cannot be its own fallback',
  // Months count from 0: a study ending at month 120 of a 120-month horizon leaves no month to commit in.
  studyAfterHorizon: (m: number, months: number) =>
    `the study ends after month ${m} of a ${months}-month horizon, leaving no time to commit within it`,
  studyAfterHint: 'start the study earlier or shorten it; nothing can be committed after the horizon',
  unknownEvent: (k: string, keys: string[]) =>
    `unknown event "${k}"${keys.length ? ` (events: ${keys.join(', ')})` : ' (the scenario declares no gates or studies)'}`,
  unknownEventHint: "name a gated project's id (its feasibility study) or MECHANISM/WAVE for a fund wave's gate",
  invalidWithin: (id: string, why: 'unknown' | 'self' | 'nested') =>
    why === 'unknown'
      ? `within: "${id}" is not a mechanism in this scenario`
      : why === 'self'
        ? 'a mechanism cannot be within itself'
        : `within: "${id}" is itself within another mechanism; name the outer one`,
  withinHint: 'name the id of the mechanism whose envelope holds this one, e.g. `within: F-2`',
  unsourcedAdminCost: (gov: string) =>
    `scoring.administrativeCosts.${gov} has no source: the cost estimate shows it, but nobody can check where it comes from`,
  unsourcedAdminCostHint: 'add `source:` (an agency budget justification, or "assumption: ..." with the reason)',
  againstMismatch: (what: string, mine: string, theirs: string) =>
    `--against: the baseline has another ${what} (this plan: ${mine}; the baseline: ${theirs}); an increment needs the same ${what}`,
  againstMismatchHint: 'estimate against a current-law scenario over the same horizon, with the same governments and basis',
  withinOverrun: (inner: string, outer: string, gov: string, year: string, by: string, cur = 'USD', draw?: string) =>
    `"${inner}" is within "${outer}" but ${draw ? `${draw} exceeds` : 'exceeds'} ${outer}'s ${gov} commitment in ${year} by ${by} (${cur} millions)`,
  withinOverrunHint: (outer: string, fix?: string) =>
    fix
      ? `${fix}, or raise ${outer}'s amounts; what counts against an envelope is what it costs the budget, not the amount lent or guaranteed`
      : `raise ${outer}'s amounts or lower this mechanism's; what is within an envelope must fit inside it`,
  unknownMeasure: (id: string, known: readonly string[]) =>
    `unknown measure "${id}"${known.length ? ` (defined under measures: ${known.join(', ')})` : ' (the scenario defines no measures:)'}`,
  unknownMetric: (p: string) => `unknown metric "${p}"`,
  metricHint: (example: string) => `a metric path looks like ${example}; see docs/reference/metrics.md`,
  publishedUnit: (p: string, unit: string) =>
    `published value "${p}" does not fit the metric, which is ${unit === 'amount' ? 'an amount' : unit === 'ratio' ? 'a ratio' : unit === 'boolean' ? 'true/false' : 'a rate'}`,
  horizonStart: 'horizon.start must be a fiscal year such as FY2027',

  // ranges, simulate, sensitivity, present value
  rangeWrongEnds: (k: string, dist?: string) =>
    dist === 'normal' || dist === 'lognormal'
      ? `a ${dist} range is given by its percentiles p5 and p95, not by "${k}"`
      : `"${k}" is for a normal or lognormal range (add \`dist: normal\`), not for ${dist ? `a ${dist}` : 'a plain'} range`,
  rangeMissingEnd: (k: string, dist?: string) => `${dist ? `a ${dist}` : 'a'} range needs "${k}"`,
  rangeFormHint:
    'write { low: 2B, high: 3B } (uniform), { low: 2B, base: 2.2B, high: 3B, dist: pert } or { p5: 2B, p95: 3B, dist: lognormal }',
  lognormalPositive: 'a lognormal range needs p5 above zero',
  discountMaturity: (k: string) => `maturity "${k}" is not a whole number of years from 1 to 100`,
  discountHint: 'write rates by maturity as { byMaturity: { 1: 4.1%, 10: 4.4% } }, or one rate as `discount: 3%`',
  discountEmpty: 'give a discount `rate` or rates `byMaturity`',
  simulateTrials: 'the number of trials must be a whole number from 1 to 100,000,000',
  simulateSeed: 'the seed must be a whole number from 0 to 9,007,199,254,740,991',
  simulateTooMany: (trials: string, limit: string, why: 'paired' | 'correlated') =>
    why === 'paired'
      ? `${trials} trials: a paired comparison (--against) holds every trial's outputs of both scenarios, so it takes at most ${limit} trials`
      : `${trials} trials: correlated inputs are reordered over every trial's draws (Iman-Conover), so a scenario with correlations takes at most ${limit} trials`,
  simulateTooManyHint: (limit: string) =>
    `ask for at most ${limit} trials; the Monte Carlo error shrinks as 1/sqrt(trials), so a tenth of the trials gives about 3.2 times the error`,
  widthOption: 'the width must be a whole number of columns from 40 to 1000',
  simulateWorkers: 'the number of workers must be a whole number from 1 to 64',
  checkWorkers: '--workers must be a whole number from 0 to 64 (0: check every file on the main thread)',
  realDiscount:
    'a real discount rate, but every flow here is nominal (dollars of the year paid): present values come out too high',
  realDiscountHint:
    'discount nominal flows at a nominal rate (OMB Circular A-94 publishes nominal and real rates); for constant dollars set assumptions.inflation and read the real figures',
  correlationUnknown: (n: string) => `"${n}" is not an input or a gate of this scenario`,
  correlationHint:
    'name an input by its path as `simulate` lists it (mechanisms[F-4].crowdIn.value) or a gate by its id (F-4/fund-2): between: [A, B], rank: 0.5',
  correlationSelf: (n: string) => `"${n}" is correlated with itself`,
  correlationTwice: (a: string, b: string, x: number, y: number) =>
    `"${a}" and "${b}" are given two correlations (${x} and ${y}); a correlation matrix is symmetric: give the pair once`,
  correlationNotPsd:
    'these correlations cannot hold together (the matrix is not positive semi-definite): no joint distribution has them',
  correlationPsdHint:
    'check the signs around every triangle: if A moves with B and B with C, A cannot move strongly against C; weaken one of the correlations',
  precisionOption: (s: string) => `"${s}" is not an amount above zero; write it as 10M or 10`,
  rateOption: (s: string) => `"${s}" is not a rate; write it as 3% or 0.03`,
  rateOptionNegative: (s: string) => `"${s}" is negative; rates are never negative here (write it as 3% or 0.03)`,
  sensitivityMetric: (p: string) => `--metric "${p}" does not name a metric of this scenario`,
  sensitivityNumeric: (p: string) =>
    `--metric "${p}" is true/false; sensitivity needs an amount or a ratio (e.g. target.shortfall or headlineMobilization)`,
  simulateMetricNumeric: (p: string) =>
    `--metric "${p}" is true/false; simulate summarizes an amount or a ratio (its probability of holding: write it as a target test under targets.tests)`,
  simulateMetricVerdict: (p: string) =>
    `--metric "${p}" reads a verdict (a floor, the target or a test), which simulate does not summarize`,
  simulateMetricVerdictHint:
    'name the sums it compares instead (e.g. budgetCost.US.perYear), or state the test under targets.tests',
  // diff (compact-model diff)
  gitUnavailable: 'cannot run git to read the old version (--against needs git on the PATH)',
  gitUnavailableHint: 'install git, or check the old version out to a file and run `compact-model diff OLD.yaml NEW.yaml`',
  gitReadFailed: (name: string, said: string) => `cannot read "${name}" from git${said ? `: ${said}` : ''}`,
  gitReadFailedHint: (rev: string) =>
    `check that "${rev}" is a revision of this repository (a branch, tag or commit such as main, HEAD~1 or origin/main) and that the file existed there`,
  gitNoRepository: 'the file is not inside a git work tree (no folder above it holds .git)',
  badRevision: (rev: string) => `"${rev}" is not a usable git revision`,
  badRevisionHint: 'name a branch, tag or commit, e.g. --against main or --against HEAD~1',
  diffArgs: (n: number, against: boolean) =>
    against ? `--against REV takes one scenario file, got ${n}` : `diff needs two scenario files (BASE and ALT), got ${n}`,
  diffArgsHint: 'compact-model diff BASE.yaml ALT.yaml, or compact-model diff --against REV FILE.yaml',
  // diff --against REV, when FILE is on one side only
  againstRenamed: (file: string, from: string, rev: string) =>
    `note: ${file} was renamed since ${rev}: comparing ${rev}:${from} with ${file}`,
  againstNew: (file: string, rev: string, parent: string) =>
    `note: ${file} is new since ${rev}: comparing it with the file it extends, ${parent}`,
  againstDeleted: (file: string, rev: string, parent: string) =>
    `note: ${file} was deleted since ${rev}: comparing ${rev}:${file} with the file it extended, ${parent}`,
  againstNewAlone: (file: string, rev: string) =>
    `"${file}" is new since ${rev} and extends nothing: there is no old version to compare it with`,
  againstNewAloneHint: (file: string) => `\`compact-model run ${file}\` shows its figures`,
  againstDeletedAlone: (file: string, rev: string) =>
    `"${file}" was deleted since ${rev} and extended nothing: there is no new version to compare it with`,
  againstDeletedAloneHint: (file: string, rev: string) =>
    `\`git show ${rev}:./${file} > old.yaml\` then \`compact-model run old.yaml\` shows what it held`,
  internalErrorHint:
    'this is a bug in compact-model, not a problem with your input: please report it with the command you ran (and the scenario, if you can share it); CM_DEBUG=1 prints the stack trace',
  missingPackage: (pkg: string) => `${pkg} is not installed`,
  xlsxNeedsExceljs:
    'XLSX output needs the optional package exceljs: `npm i exceljs@4` beside compact-model (other formats work without it)',
  failIfSyntax: (expr: string) => `--fail-if "${expr}" is not a threshold`,
  failIfSyntaxHint:
    'write METRIC OP +CHANGE ("budgetCost.US > +100", USD millions; "headlineMobilization < -5%"), METRIC OP AMOUNT level ("budgetCost.US > 4.5B level") or VERDICT: must-not-flip ("floor.US.met: must-not-flip"); OP is >, >=, < or <=',
  failIfUnsigned: (expr: string) =>
    `--fail-if "${expr}": an unsigned limit is read as a change, as before; this form is deprecated and will mean a level`,
  failIfUnsignedHint: (expr: string) => {
    const m = /^(.*?)(>=|<=|>|<)\s*(.*)$/.exec(expr);
    return m
      ? `write "${m[1]!.trim()} ${m[2]} +${m[3]}" for a change, or "${m[1]!.trim()} ${m[2]} ${m[3]} level" for the figure itself`
      : 'sign the limit (+100, -5%) for a change, or add "level" for the figure itself';
  },
  failIfScaled: (path: string) => `"${path}" is not an amount; its limit is a plain number`,
  failIfScaledHint: 'write the limit without a unit, e.g. "leverage.commitment.total < -0.1"',
  thresholdNotApplicable: (names: string) => `this scenario has no ${names}`,
  policyNotApplicable: 'no verdict of this scenario matches',
  levelCrossed: (expr: string, path: string, alt: string, base: string) =>
    `--fail-if "${expr}" crossed: ${path} is ${alt} (was ${base})`,
  policyCrossed: (expr: string, flips: string) => `--fail-if "${expr}" crossed: ${flips}`,
  failIfMetric: (expr: string, why: string) => `--fail-if "${expr}": ${why}`,
  failIfBoolean: (path: string) => `"${path}" is true/false; a threshold needs a number`,
  failIfBooleanHint: 'a flipped verdict shows in the diff itself; use an amount such as floor.US.appropriated.shortfall',
  thresholdCrossed: (expr: string, path: string, change: string, from: string, to: string) =>
    `--fail-if "${expr}" crossed: ${path} changed by ${change} (${from} -> ${to})`,
  thresholdCrossedHint:
    'the alternative moves this metric past the limit; change the scenario or, if the change is intended, the threshold',
  // output files and reports (report, run -o, explain)
  outputIsInput: (out: string, input: string) => `will not write "${out}": it is the input file "${input}"`,
  outputIsInputHint: 'name a different output file; inputs (the scenario and every file it extends) are never overwritten',
  outputExists: (out: string) => `will not overwrite "${out}": the file exists`,
  outputExistsHint: 'pass --force to replace it, or choose another file name',
  outputIsDirectory: (out: string) => `"${out}" is a directory`,
  outputIsDirectoryHint: 'name a file inside it, e.g. -o reports/report.html',
  outputFolderMissing: (out: string) => `cannot write "${out}": its folder does not exist`,
  outputFolderMissingHint: 'create the folder first, or write to an existing one',
  outputParentNotFolder: (out: string, parent: string) => `cannot write "${out}": "${parent}" is a file, not a folder`,
  outputParentNotFolderHint: 'name a file in an existing folder',
  outputNotRegular: (out: string) =>
    `will not write "${out}": it is neither a regular file nor a terminal, pipe or character device`,
  outputNotRegularHint: 'name a regular file, or - for standard output',
  outputSymlink: (out: string) => `will not replace "${out}": it is a symbolic link to a file`,
  outputSymlinkHint: 'name the file it points to, or another file',
  outputNoReader: (out: string) => `cannot write "${out}": it is a pipe with no reader`,
  outputNoReaderHint: 'start the reader first, or write to a file',
  outputWriteFailed: (out: string, code: string) => `cannot write "${out}" (${code})`,
  outputWriteFailedHint: 'check that the folder is writable and the disk is not full',
  outputNeeded: (format: string) => `--format ${format} writes a binary file and needs -o FILE`,
  outputNeededHint: (ext: string) => `for example: compact-model run --format xlsx -o results.${ext}`,
  citedSourceNoCopy: (title: string, where: string) =>
    `note: no local copy of the cited document "${title}" is given${where ? ` (${where})` : ''}; citations show line numbers without their text`,
  citedWhy: {
    missing: 'no such file',
    'not-a-file': 'not a regular file',
    'too-large': 'too large to read',
    unreadable: 'cannot be read',
    'not-text': 'not UTF-8 text',
    'outside-tree': "outside the scenario's tree; pass --root DIR to allow its folder",
    'in-git-dir': 'inside a .git folder, never read',
  },
  citedSourceAbsent: (title: string, file: string, why: string) =>
    `note: the cited document "${title}" is not at ${file} (${why}); citations show line numbers without their text`,
  explainUnknownMetric: (p: string) => `cannot explain "${p}": ${p === '' ? 'no metric given' : 'not a metric path'}`,

  // check: declared totals, assertions, envelopes, claims
  invalidAssertion: (text: string, why: string) => `assertion "${text}": ${why}`,
  assertionFailed: (text: string, metric: string, value: string, c: string) =>
    `assertion "${text}" fails: ${metric} is ${value}${c === 'base' ? '' : ` (${c} case)`}`,
  assertionUndefined: (text: string, metric: string) => `assertion "${text}" fails: ${metric} has no value in this scenario`,
  assertionUndefinedHint: 'a ratio over zero, or a floor or target test without `targets:`, has no value',
  assertionHint: (amount: boolean, source?: string, cur = 'USD') =>
    `${amount ? `amounts are ${cur} millions; ` : ''}${source ? `the assertion cites: ${source}; ` : ''}change the scenario or the assertion`,
  totalNotANumber: (metric: string) => `a declared total names an amount or a ratio; ${metric} is true or false`,
  totalNotANumberHint: 'state tests such as floor.US.appropriated.met under `assert:` instead',
  totalIsRange: (v: string) => `"${v}" is a range; a declared total is one sum`,
  totalIsRangeHint: 'write the sum you expect; allow for rounding with `tolerance:`',
  totalTolerance: (v: string) => `"${v}" is not a tolerance`,
  totalToleranceHint: 'write a share such as 0.5% or an amount such as 1M',
  totalMismatch: (id: string, metric: string, declared: string, computed: string, diff: string, tol: string, c: string) =>
    `declared total "${id}" (${metric}) is ${declared} but the scenario sums to ${computed} (difference ${diff}; tolerance ${tol})${c === 'base' ? '' : ` (${c} case)`}`,
  totalMismatchHint: (cur = 'USD') =>
    `a declared total states the file's own sum: correct the figure or the inputs that feed it (amounts in ${cur} millions)`,
  envelopeOverrun: (
    prog: string,
    mech: string,
    gov: string,
    drawn: string,
    env: string,
    firstYear: string,
    years: string,
    c: string,
    cur = 'USD',
  ) =>
    `program "${prog}" takes ${mech}'s programs to ${drawn} in ${firstYear}, above ${mech}'s ${gov} appropriations of ${env} (${cur} millions); overrun in ${years}${c === 'base' ? '' : ` (${c} case)`}`,
  envelopeOverrunHint: (mech: string) =>
    `programs draw on ${mech}'s envelope, per government and year; raise ${mech}'s appropriations or cut the program (run clamps the mechanism's own follow-on at zero meanwhile)`,
  fallbackBeforeStudy: (fb: string, prog: string, year: number, endYear: number, p = 'FY') =>
    `fallback "${fb}" commits in ${p}${year}, before ${prog}'s feasibility study concludes in ${p}${endYear}`,
  fallbackBeforeStudyHint: 'a fallback runs only once the study has failed; start it no earlier than the year the study ends',
  claimNotHeld: (id: string, metric: string, published: string, computed: string) =>
    `claim "${id}" does not hold: ${metric} is ${computed}, published ${published}`,
  claimHint: (text: string | undefined, source: string | undefined) =>
    `${text ? `"${text}"` : 'the published figure'}${source ? ` (${source})` : ''}; warnings only, unless --strict-claims`,
  claimsNotHeld: (notHeld: string[], total: number) =>
    `${notHeld.length} of ${total} published claim${total === 1 ? '' : 's'} do${notHeld.length === 1 ? 'es' : ''} not hold (warnings): ${notHeld.join(', ')}`,
  claimsVerboseHint: 'check --verbose shows each claim with its figures and source; --strict-claims makes them errors',
  // compare (src/measure/compare.ts, cli/commands/compare.ts)
  compareNoGovernment: (g: string) => `no government ${g} in this scenario`,
  compareBasisNotApplicable: (basis: string, g: string) =>
    `the ${basis} basis does not apply to ${g} in this scenario (its budget is read on its own books)`,
  compareOtherHorizon: 'another horizon: totals over different years are not compared',
  compareOtherCurrency: (c: string, base: string) =>
    `in ${c}, the reference in ${base}: amounts in two currencies are not compared`,
  compareCurrencyNote: (name: string, c: string, base: string) =>
    `${name} reports in ${c}, the reference in ${base}: its amounts are in ${c} millions, and their changes are not computed (n/a).`,
  compareHorizonNote: (
    name: string,
    h: { start: number; years: number; calendar?: boolean },
    b: { start: number; years: number; calendar?: boolean },
  ) =>
    `${name} covers ${h.years} years from ${h.calendar ? 'CY' : 'FY'}${h.start}, the baseline ${b.years} from ${b.calendar ? 'CY' : 'FY'}${b.start}: its totals are shown, their changes are not computed (n/a).`,
  compareGovernmentsNote: (name: string, missing: string[], extra: string[]) =>
    `${name} ${missing.length ? `has no government ${missing.join(', ')} (its rows are n/a, not zero)` : ''}${missing.length && extra.length ? ' and ' : ''}${extra.length ? `has government${extra.length === 1 ? '' : 's'} ${extra.join(', ')} the baseline lacks` : ''}.`,
  compareNoFiles: (patterns: string[]) => `no scenario matches ${patterns.join(' ')}`,
  compareNoFilesHint: 'name scenario files, or a pattern such as scenarios/*.yaml (quoted, it is expanded here)',
  compareBaselineUnusable: (file: string, used: string) =>
    `the baseline ${file} cannot be used; ${used} is the reference instead`,
  compareUnknownMetric: (path: string, message: string) => `--metrics ${path}: ${message}`,
  compareNoneUsable: 'no scenario could be used: nothing to compare',
  unknownCurrency: (c: string) => `"${visible(c)}" is not an ISO 4217 currency code`,
  currencyHint: (c: string) =>
    /^[a-z]{3}$/.test(c) && c.toUpperCase() !== c
      ? `write it in capitals: ${c.toUpperCase()}`
      : 'write a three-letter ISO 4217 code in capitals, e.g. USD, EUR, ILS, GBP, JPY',
  missingRate: (c: string) => `an amount is written in ${c} but exchangeRates gives no rate for ${c}`,
  missingRateHint: (c: string, plan: string) =>
    `add exchangeRates: { ${c}: { value: RATE, source: "..." } } (${c} per one ${plan}, a cited figure; a range is simulated)`,
  rateNotPositive: (c: string) => `the exchange rate for ${c} must be above zero`,
  rateNotPositiveHint: (c: string, plan: string) => `write how many ${c} one ${plan} buys, e.g. 3.7 (a range as 3.4-4.0)`,
  rateOfPlanCurrency: (c: string) => `exchangeRates names ${c}, the plan's own currency`,
  rateOfPlanCurrencyHint: "drop it: amounts in the plan's currency need no conversion",
  sponsorsTwice: 'both `sponsors:` and `governments:` are written; they are one list by two names',
  sponsorsTwiceHint: 'keep one of them (sponsors: is the newer name)',
  sponsorsMissingHint: 'list who commits money: sponsors: { US: { name: United States } } (or the older name, governments:)',
  basisNotForSponsor: (code: string, basis: string, type: string) => `basis "${basis}" does not fit ${code}, a ${type} sponsor`,
  basisNotForSponsorHint: (type: string, fits: readonly string[]) =>
    `a ${type} sponsor may have ${fits.join(', ')}; federal scoring is for U.S. federal sponsors (type: government)`,
  federalNotUsd: (code: string, currency: string) =>
    `basis "federal" does not fit ${code}: federal scoring is the U.S. federal budget's, and ${code}'s books are in ${currency}`,
  federalNotUsdHint:
    'write `basis: cash` for another government (a payment is spending when paid, money back is revenue), or `currency: USD` if this is the U.S. federal government',
  // fiscal years (fiscalYear: { starts: MONTH })
  notAMonth: (got: string) => `${got} is not a month`,
  monthHint: 'write a month by its English name, such as October or January (or its first three letters: Oct, Jan)',
  fiscalYearNotMapping: (got: string) => `expected a mapping with the month the fiscal years start in, got ${got}`,
  fiscalYearHint: (month: string) => `write fiscalYear: { starts: ${month} }`,
  fiscalYearStartsHint: 'write the month its years start in: fiscalYear: { starts: October }',
  calendarStartsOther: (month: string) =>
    `fiscalYear.starts is ${month}, but the horizon's years are calendar years (CY), which start in January`,
  calendarStartsOtherHint: (start: number, month: string) =>
    `for fiscal years starting in ${month}, start the horizon at FY${start} (and write the plan's years FY); for calendar years, drop fiscalYear`,
  inScenario: (files: string[], message: string) =>
    `in ${files.length <= 3 ? files.join(', ') : `${files.length} scenarios (${files.slice(0, 3).join(', ')}, ...)`}: ${message}`,
} as const;

/** A key or text with invisible and control characters spelled out as \u{...}. */
export function visible(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g,
    (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`,
  );
}

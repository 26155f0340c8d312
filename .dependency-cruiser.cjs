// The layers of src/ and what each may import (docs/maintainers/architecture.md):
//   core <- model <- read <- kit <- mechanisms <- validate <- normalize <- compute <- measure
//   <- check, simulate, solve <- report <- render <- cli. Every arrow runs down: a mechanism
//   kind is written with the kit (figures, assumptions, context, flows, ledger) below it, and
//   the stages that dispatch to its registry sit above it.
const layer = (name, from, notTo, comment) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: notTo } });

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'modules import downward only', from: {}, to: { circular: true } },
    layer('core-is-the-bottom', '^src/core/', '^src/(?!core/)', 'core imports nothing else of ours'),
    layer(
      'model-below-stages',
      '^src/model/',
      '^src/(?!core/|model/)',
      'the vocabulary: scenario types, flows, metrics, paths, bases',
    ),
    layer('read-below-validate', '^src/read/', '^src/(?!core/|model/|read/)', 'reading knows YAML and files only'),
    layer(
      'kit-below-mechanisms',
      '^src/kit/',
      '^src/(?!core/|model/|read/|kit/)',
      'the toolkit a mechanism kind is written with: figure schemas, the Normalizer, FlowCtx, the ledger',
    ),
    layer(
      'mechanisms-below-stages',
      '^src/mechanisms/',
      '^src/(?!core/|model/|kit/|mechanisms/)',
      'a kind module uses the kit, never the stages that dispatch to its registry',
    ),
    layer(
      'validate-below-normalize',
      '^src/validate/',
      '^src/(normalize|compute|measure|check|simulate|solve|report|render|cli|action)/',
    ),
    layer('normalize-below-compute', '^src/normalize/', '^src/(compute|measure|check|simulate|solve|report|render|cli|action)/'),
    layer(
      'compute-below-measure',
      '^src/compute/',
      '^src/(validate|normalize|measure|check|simulate|solve|report|render|cli|action)/',
    ),
    layer('measure-below-uses', '^src/measure/', '^src/(check|simulate|solve|report|render|cli|action)/'),
    layer(
      'solve-between-measure-and-report',
      '^src/solve/',
      '^src/(?!core/|model/|compute/|mechanisms/|measure/|solve/)',
      'the solver evaluates scenarios (core, model, compute, mechanisms, measure); report and the CLI use it',
    ),
    layer('check-simulate-below-report', '^src/(check|simulate)/', '^src/(report|render|cli|action)/'),
    layer('report-below-render', '^src/report/', '^src/(render|cli|action)/'),
    layer('render-below-cli', '^src/render/', '^src/(cli|action)/'),
    layer('commands-do-not-import-the-program-that-registers-them', '^src/cli/commands/', '^src/cli/main\\.ts$'),
    layer(
      'action-drives-the-cli',
      '^src/action/',
      '^src/(?!action/|core/|cli/(program|options|io)\\.ts$|measure/thresholds\\.ts$)',
      'the review runs the CLI (in process) through its documented outputs, parses thresholds as diff does, and shares the escaping, the git runner and the file reader',
    ),
    {
      name: 'chalk-and-tables-only-in-render',
      severity: 'error',
      from: { path: '^src/(?!render/|cli/)' },
      to: { path: 'node_modules/(chalk|cli-table3)/' },
    },
    {
      name: 'decimal-only-in-money',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/core/money\\.ts$' },
      to: { path: 'node_modules/decimal\\.js/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

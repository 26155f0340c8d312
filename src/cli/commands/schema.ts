// `compact-model schema`: prints the JSON Schema of the scenario format (for editors).
import type { Command } from 'commander';
import { scenarioJsonSchemaText } from '../../validate/jsonschema.js';
import type { Ctx } from '../options.js';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (generated from the format; for editor completion and checks)')
    .action(() => {
      ctx.io.out(scenarioJsonSchemaText());
      ctx.exitCode = 0;
    });
}

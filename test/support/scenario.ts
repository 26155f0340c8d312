// Builds scenarios from YAML text in a temp folder, for tests of the engine and errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, type Evaluation } from '../../src/measure/evaluate.js';
import { loadScenario } from '../../src/normalize/load.js';
import { Loader } from '../../src/read/load.js';
import type { Case } from '../../src/compute/engine.js';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cm-test-'));
}

/** Writes files (name -> text) into a fresh temp folder and returns its path. */
export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Loads YAML text as a scenario and evaluates it; fails the test on any error. */
export function evalYaml(yaml: string, c: Case = 'base'): Evaluation {
  const dir = writeFiles({ 's.yaml': yaml });
  const r = loadScenario('s.yaml', new Loader(dir));
  const errors = r.diags.errors();
  if (!r.scenario || errors.length)
    throw new Error(
      'scenario has errors: ' + errors.map((e) => `${e.loc?.line}:${e.loc?.col} ${e.code} ${e.message}`).join('; '),
    );
  return evaluate(r.scenario, c);
}

/** USD millions as a plain string, for comparing with hand-worked figures. */
export const M = (
  x: { toPlain(dp?: number): string; div(n: number): { toPlain(dp?: number): string } } | null | boolean | undefined,
): string => {
  if (x === null || x === undefined || typeof x === 'boolean') return String(x);
  return x.div(1e6).toPlain(6);
};

// The one golden-file check: the output must equal the expected file. A missing expected
// file fails the test; UPDATE_GOLDEN=1 writes it (read every changed file before committing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function golden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  else if (!existsSync(file)) throw new Error(`${file} is missing: run the tests with UPDATE_GOLDEN=1 to write it, then read it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

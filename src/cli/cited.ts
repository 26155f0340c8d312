// The cited document of a scenario (the first of `sources:`, when it has a local `file:`),
// for explain and report: its lines when the file is here, else a note on stderr, once,
// and the command carries on with line numbers alone.
import { M } from '../core/messages.js';
import { forTerminal } from '../core/text.js';
import type { Scenario } from '../model/scenario.js';
import { readCitedDocument } from '../read/cited.js';
import type { IO } from './io.js';

const WHY = {
  missing: 'no such file',
  'not-a-file': 'not a regular file',
  'too-large': 'too large to read',
  unreadable: 'cannot be read',
  'not-text': 'not UTF-8 text',
} as const;

/** The lines of the scenario's cited document, or undefined (with a note when a file was named but could not be read). */
export function citedLines(io: IO, s: Scenario): readonly string[] | undefined {
  const doc = s.sources?.[0];
  if (!doc?.file) return undefined;
  const r = readCitedDocument(io.cwd, doc.loc.file, doc.file);
  if (r.ok) return r.lines;
  io.err(forTerminal(M.citedSourceAbsent(doc.title, doc.file, WHY[r.why])) + '\n');
  return undefined;
}

// The cited document of a scenario (the first of `sources:`, when it has a local `file:`),
// for explain and report: its lines when the file is here, else a note on stderr, once,
// and the command carries on with line numbers alone.
import { M } from '../core/messages.js';
import { forTerminal } from '../core/text.js';
import type { Scenario } from '../model/scenario.js';
import { resolve } from 'node:path';
import { readCitedDocument } from '../read/cited.js';
import { realish } from '../read/realpath.js';
import type { IO } from './io.js';

/** The lines of the scenario's cited document, or undefined (with a note when a file was named but could not be read). */
export function citedLines(io: IO, s: Scenario): readonly string[] | undefined {
  const doc = s.sources?.[0];
  if (!doc?.file) return undefined;
  const r = readCitedDocument(
    io.cwd,
    doc.loc.file,
    doc.file,
    (io.roots ?? []).map((d) => realish(resolve(io.cwd, d))),
  );
  if (r.ok) return r.lines;
  io.err(forTerminal(M.citedSourceAbsent(doc.title, doc.file, M.citedWhy[r.why])) + '\n');
  return undefined;
}

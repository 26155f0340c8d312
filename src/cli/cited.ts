// The cited document of a scenario (the first of `sources:`): its lines when a local
// `file:` is at hand, else a note on stderr, once, and the command carries on with line
// numbers alone. A shipped scenario names its document by title and address only: a
// repository never depends on a file outside it.
import { M } from '../core/messages.js';
import { forTerminal } from '../core/text.js';
import type { Scenario } from '../model/scenario.js';
import { resolve } from 'node:path';
import { readCitedDocument } from '../read/cited.js';
import { realish } from '../read/realpath.js';
import { DEFAULT_WIDTH, wrap } from '../render/terminal.js';
import type { IO } from './io.js';

/** The lines of the scenario's cited document, or undefined (with a note saying why its text is not shown). */
export function citedLines(io: IO, s: Scenario, width = io.columns ?? DEFAULT_WIDTH): readonly string[] | undefined {
  const doc = s.sources?.[0];
  if (!doc) return undefined;
  // Wrapped to the terminal, continuation lines indented.
  const note = (text: string) =>
    io.err(
      wrap(forTerminal(text), width, '  ')
        .map((l, i) => (i ? l : l.slice(2)))
        .join('\n') + '\n',
    );
  if (!doc.file) {
    const where = [doc.publisher, doc.date, doc.url].filter((x) => x !== undefined).join(', ');
    note(M.citedSourceNoCopy(doc.title, where));
    return undefined;
  }
  const r = readCitedDocument(
    io.cwd,
    doc.loc.file,
    doc.file,
    (io.roots ?? []).map((d) => realish(resolve(io.cwd, d))),
  );
  if (r.ok) return r.lines;
  note(M.citedSourceAbsent(doc.title, doc.file, M.citedWhy[r.why]));
  return undefined;
}

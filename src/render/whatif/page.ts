// The interactive report's page (`report --interactive`): the static report as it is
// (what prints and what a browser without JavaScript shows), the scenario and its
// controls as JSON, and the engine compiled for the browser (dist/whatif.js, built from
// ./app.ts), all in one file. A Content-Security-Policy allows only that script and that
// style, by their hashes: no network, no other script, no eval.
import { createHash } from 'node:crypto';
import { forScriptJson } from '../../core/text.js';
import type { Case } from '../../compute/engine.js';
import type { Scenario } from '../../model/scenario.js';
import type { Report } from '../../report/model.js';
import type { Controls } from '../../report/whatif.js';
import { encode } from '../../simulate/codec.js';
import { CSS, htmlPage, reportParts } from '../html.js';

/** What the script reads from the page (codec-encoded: Decs as strings). */
export interface WhatIfData {
  scenario: Scenario;
  controls: Controls;
  case: Case;
  /** The patch's `extends`: the scenario as seen from the report's folder. */
  extendsPath: string;
}

const WHATIF_CSS = `
#whatif { border: 2px solid #1f3b57; padding: .6rem .9rem; margin: 0 0 1.5rem; }
#whatif h2 { margin-top: .2rem; }
#whatif fieldset { border: 1px solid #bbb; margin: .5rem 0; }
#whatif .ctl { display: grid; grid-template-columns: minmax(220px, 2fr) minmax(120px, 1fr) 7rem auto; gap: .2rem .6rem; align-items: center; margin: .25rem 0; }
#whatif .ctl code { font-size: .8rem; overflow-wrap: anywhere; }
#whatif .range, #whatif .err { grid-column: 2 / -1; font-size: .8rem; color: #444; }
#whatif .err { color: #a40000; font-weight: 700; }
#whatif input[type=text] { width: 6.5rem; font: inherit; }
#whatif textarea { width: 100%; min-height: 8rem; font: .8rem monospace; }
#whatif .status { font-weight: 700; }
@media print { #whatif { display: none; } }
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page; `script` is the browser bundle's text. */
export function toInteractiveHtml(r: Report, data: WhatIfData, script: string): string {
  // Nothing inside the inline script may close it or open a comment the parser honours.
  if (/<\/script|<!--/i.test(script)) throw new Error('whatif: the browser bundle holds </script or <!--');
  const css = CSS + WHATIF_CSS;
  const csp = `default-src 'none'; script-src ${sha256(script)}; style-src ${sha256(css)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const body = `<form id="whatif" hidden></form>
<div id="report">
${reportParts(r)
  .map((p) => `<div class="part">${p}</div>`)
  .join('\n')}
</div>
<script type="application/json" id="whatif-data">${forScriptJson(encode(data))}</script>
<script>${script}</script>`;
  return htmlPage(r, csp, css, body);
}

// The interactive report's script (bundled for the browser into dist/whatif.js by
// scripts/build.mjs, inlined by ./page.ts): reads the scenario from the page, draws the
// controls, and on every change evaluates the scenario with the settings (the exact engine
// of `run`), rebuilds the report model and redraws the report in place. Untrusted text
// goes into the page as textContent, or through the report renderer's escaping.
import { Dec } from '../../core/money.js';
import { buildRunReport } from '../../report/run.js';
import {
  type Controls,
  evaluateSettings,
  fileSettings,
  type InputControl,
  patchOf,
  rangeText,
  readTyped,
  sameSettings,
  type Settings,
  shown,
} from '../../report/whatif.js';
import { M } from '../../core/messages.js';
import { decode } from '../../simulate/codec.js';
import { reportParts } from '../html.js';
import type { WhatIfData } from './page.js';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...kids: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}

class WhatIf {
  private settings: Settings;
  private readonly start: Settings;
  private readonly original: string;
  /** The report's parts as last drawn by the script (unset: the file's page as written). */
  private parts: string[] | undefined;
  private readonly texts = new Map<string, HTMLInputElement>();
  private readonly sliders = new Map<string, HTMLInputElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly gates = new Map<string, HTMLInputElement>();
  private basisSelect!: HTMLSelectElement;
  private status!: HTMLElement;
  private time!: HTMLOutputElement;
  private patch!: HTMLTextAreaElement;

  constructor(
    private readonly d: WhatIfData,
    private readonly form: HTMLFormElement,
    private readonly report: HTMLElement,
  ) {
    this.start = fileSettings(d.controls);
    this.settings = structuredClone(this.start);
    this.original = report.innerHTML;
  }

  get controls(): Controls {
    return this.d.controls;
  }

  draw(): void {
    const k = this.controls;
    this.status = el('p', { class: 'status', role: 'status' });
    this.time = el('output', { id: 'whatif-time' });
    this.basisSelect = el('select', { id: 'whatif-basis' });
    for (const b of k.bases) this.basisSelect.append(el('option', { value: b.id }, b.label));
    this.basisSelect.addEventListener('change', () => this.set({ basis: this.basisSelect.value }));
    const gates = el('fieldset', {}, el('legend', {}, 'Gates (ticked: it holds or passes)'));
    for (const g of k.gates) {
      const box = el('input', { type: 'checkbox', 'data-gate': g.key });
      box.addEventListener('change', () => this.set({ gates: { ...this.settings.gates, [g.key]: box.checked } }));
      this.gates.set(g.key, box);
      gates.append(el('div', {}, el('label', {}, box, ` ${g.label} ${g.words[1]}`)));
    }
    const ranged = el('fieldset', {}, el('legend', {}, 'Inputs written as ranges (low to high)'));
    const other = el('details', {}, el('summary', {}, 'Every other input (within the limits of the scenario format)'));
    for (const i of k.inputs) (i.ranged ? ranged : other).append(this.inputRow(i));
    const reset = el('button', { type: 'button', id: 'whatif-reset' }, "Reset to the file's values");
    reset.addEventListener('click', () => {
      for (const [p, err] of this.errors) {
        err.textContent = '';
        this.texts.get(p)!.removeAttribute('aria-invalid');
      }
      this.set(structuredClone(this.start));
    });
    const copy = el('button', { type: 'button', id: 'whatif-copy' }, 'Copy as scenario patch');
    copy.addEventListener('click', () => void this.copy());
    this.patch = el('textarea', { id: 'whatif-patch', readonly: '', 'aria-label': 'scenario patch', spellcheck: 'false' });
    this.form.append(
      el('h2', {}, 'What if'),
      el(
        'p',
        { class: 'note' },
        'Change an input, a gate or the scoring basis: every figure, verdict and chart below is recomputed with the exact arithmetic of compact-model run. The patch reproduces these settings with compact-model run.',
      ),
      this.status,
      el('p', {}, el('label', {}, 'Scoring basis ', this.basisSelect)),
      gates,
      ranged,
      other,
      el('p', {}, reset, ' ', copy, ' ', this.time),
      this.patch,
    );
    this.form.addEventListener('submit', (e) => e.preventDefault());
    this.form.hidden = false;
    this.show();
    // Once the page is idle, one evaluation of the file's values compiles the engine, so the
    // first change is as quick as the next ones; nothing on the page changes.
    const warm = () => reportParts(buildRunReport(evaluateSettings(this.d.scenario, this.d.case, this.start)));
    if (typeof requestIdleCallback === 'function') requestIdleCallback(warm);
    else setTimeout(warm, 0);
  }

  private inputRow(i: InputControl): HTMLElement {
    const text = el('input', { type: 'text', inputmode: 'decimal', 'data-path': i.path, 'aria-label': i.path });
    const err = el('span', { class: 'err', role: 'alert' });
    text.addEventListener('change', () => this.typed(i, text.value));
    this.texts.set(i.path, text);
    this.errors.set(i.path, err);
    const row = el('div', { class: 'ctl' }, el('span', {}, `${i.label}: `, el('code', {}, i.path)));
    if (i.ranged && i.hi !== undefined) {
      const slider = el('input', {
        type: 'range',
        min: shown(i, i.lo),
        max: shown(i, i.hi),
        step: 'any',
        'data-path': i.path,
        'aria-label': `${i.path} (slider)`,
      });
      slider.addEventListener('input', () => this.typed(i, slider.value));
      this.sliders.set(i.path, slider);
      row.append(slider);
    } else row.append(el('span'));
    row.append(text, el('span', {}, i.unitText), el('span', { class: 'range' }, rangeText(i)), err);
    if (i.source) row.title = i.source;
    return row;
  }

  private typed(i: InputControl, raw: string): void {
    const r = readTyped(i, raw);
    const err = this.errors.get(i.path)!;
    const text = this.texts.get(i.path)!;
    if (!r.ok) {
      err.textContent = r.message;
      text.setAttribute('aria-invalid', 'true');
      return;
    }
    err.textContent = '';
    text.removeAttribute('aria-invalid');
    this.set({ values: { ...this.settings.values, [i.path]: r.value.exact() } });
  }

  private set(change: Partial<Settings>): void {
    this.settings = { ...this.settings, ...change };
    this.show();
  }

  /** Puts the settings into the controls and redraws the report. */
  private show(): void {
    const t0 = performance.now();
    const s = this.settings;
    for (const i of this.controls.inputs) {
      const v = s.values[i.path];
      const shownValue = shown(i, v === undefined ? i.start : Dec.of(v));
      const text = this.texts.get(i.path)!;
      if (text.getAttribute('aria-invalid') !== 'true') text.value = shownValue;
      const slider = this.sliders.get(i.path);
      if (slider) slider.value = shownValue;
    }
    for (const [key, box] of this.gates) box.checked = s.gates[key] ?? true;
    this.basisSelect.value = s.basis;
    const same = sameSettings(s, this.start);
    // Each phase timed, for the browser test's log (evaluate, report model, markup, page, patch).
    const phases: number[] = [];
    const lap = () => phases.push(performance.now());
    lap();
    if (same) {
      this.report.innerHTML = this.original;
      this.parts = undefined;
    } else {
      const ev = evaluateSettings(this.d.scenario, this.d.case, s);
      lap();
      const model = buildRunReport(ev);
      model.meta.unshift(`What-if settings, not the file's: ${changesText(this.controls, s, this.start)}.`);
      model.footer.push(M.whatifNotRecomputed);
      lap();
      const parts = reportParts(model);
      lap();
      this.redraw(parts);
    }
    lap();
    this.patch.value = patchOf(this.d.scenario, this.controls, s, this.d.extendsPath);
    lap();
    this.status.textContent = same ? "Showing the file's values." : `Showing: ${changesText(this.controls, s, this.start)}.`;
    const ms = performance.now() - t0;
    this.time.value = `recomputed in ${ms.toFixed(1)} ms`;
    this.form.setAttribute('data-recompute-ms', ms.toFixed(3));
    this.form.setAttribute(
      'data-recompute-phases',
      phases
        .slice(1)
        .map((t, i) => (t - phases[i]!).toFixed(1))
        .join(' '),
    );
  }

  /** Replaces the parts of the report that changed (all of them when their number did). */
  private redraw(parts: string[]): void {
    const old = this.parts;
    const boxes = this.report.children;
    if (!old || old.length !== parts.length || boxes.length !== parts.length) {
      this.report.replaceChildren(
        ...parts.map((p) => {
          const box = el('div', { class: 'part' });
          box.innerHTML = p;
          return box;
        }),
      );
    } else parts.forEach((p, i) => p !== old[i] && (boxes[i]!.innerHTML = p));
    this.parts = parts;
  }

  private async copy(): Promise<void> {
    this.patch.select();
    try {
      await navigator.clipboard.writeText(this.patch.value);
      this.time.value = 'patch copied';
    } catch {
      // No clipboard permission (a file:// page in some browsers): the text is selected to copy by hand.
      this.time.value = 'patch selected: copy it with Ctrl+C';
    }
  }
}

/** The settings that differ from the file's, in words for the status line and the report's meta. */
function changesText(k: Controls, s: Settings, start: Settings): string {
  const out: string[] = [];
  for (const i of k.inputs) {
    const v = s.values[i.path];
    if (v !== undefined && v !== start.values[i.path]) {
      out.push(`${i.path} = ${shown(i, Dec.of(v))}${i.unit === 'amount' ? ` ${i.unitText}` : i.unitText}`);
    }
  }
  for (const g of k.gates) if ((s.gates[g.key] ?? g.holds) !== g.holds) out.push(`${g.label} ${g.words[s.gates[g.key] ? 1 : 0]}`);
  if (s.basis !== start.basis) out.push(`scoring basis ${s.basis}`);
  return out.join('; ');
}

const form = document.getElementById('whatif');
const report = document.getElementById('report');
const data = document.getElementById('whatif-data');
if (form instanceof HTMLFormElement && report && data?.textContent)
  new WhatIf(decode<WhatIfData>(JSON.parse(data.textContent)), form, report).draw();

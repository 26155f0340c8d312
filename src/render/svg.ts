// Small SVG charts for the HTML report, generated here (no chart library, no script):
// bar charts (stacked or grouped), line charts, a reference line, axes with units and
// a legend. Fills combine lightness and hatching so series stay apart in greyscale.
// Every mark carries its exact value in data-* attributes so tests can read them.
import type { BarSpec, ChartFrame, LineSpec, RefLine } from '../report/model.js';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Data attributes from a record (undefined skipped). */
export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
}

// Fills by series index: dark, light, hatched, mid, dotted, cross-hatched, pale, lined.
// Lightness alternates so neighbours in a stack differ in greyscale too.
const STYLES: { bg: string; fg?: string; kind?: 'diag' | 'dots' | 'cross' | 'horiz' }[] = [
  { bg: '#1f3b57' },
  { bg: '#f2b25c' },
  { bg: '#ffffff', fg: '#1f3b57', kind: 'diag' },
  { bg: '#6f9fcb' },
  { bg: '#f7e6c9', fg: '#7a4a17', kind: 'dots' },
  { bg: '#d9d9d9', fg: '#333333', kind: 'cross' },
  { bg: '#a3472a' },
  { bg: '#ffffff', fg: '#555555', kind: 'horiz' },
];

function patternDefs(prefix: string, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const st = STYLES[i % STYLES.length]!;
    if (!st.kind) continue;
    const id = `${prefix}-p${i}`;
    const body =
      st.kind === 'diag'
        ? `<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="${st.fg}" stroke-width="1.6"/>`
        : st.kind === 'dots'
          ? `<circle cx="3" cy="3" r="1.3" fill="${st.fg}"/>`
          : st.kind === 'cross'
            ? `<path d="M0,0 l6,6 M6,0 l-6,6" stroke="${st.fg}" stroke-width="1"/>`
            : `<path d="M0,3 h6" stroke="${st.fg}" stroke-width="1.4"/>`;
    out.push(
      `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${st.bg}"/>${body}</pattern>`,
    );
  }
  return out.length ? `<defs>${out.join('')}</defs>` : '';
}

function fill(prefix: string, i: number): string {
  const st = STYLES[i % STYLES.length]!;
  return st.kind ? `url(#${prefix}-p${i})` : st.bg;
}

/** A round axis maximum and tick step at or above `max`. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const raw = max / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw)!;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** Axis and label numbers: thousands grouped by hand (no locale), one decimal below 1,000. */
const fmt = (x: number): string => {
  const r = Math.abs(x) >= 1000 ? Math.round(x) : Math.round(x * 10) / 10;
  const [i, d] = String(Math.abs(r)).split('.');
  return `${r < 0 ? '-' : ''}${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${d ? '.' + d : ''}`;
};

type Frame = ChartFrame;

const W = 720,
  H0 = 380,
  L = 72,
  R = 16,
  T = 16,
  B = 64;

function frame(
  f: Frame,
  max: number,
  body: (y: (v: number) => number, x0: (i: number) => number, bw: number) => string,
  ref?: RefLine,
  legendKind: 'box' | 'line' = 'box',
): string {
  // Legend items laid out first, wrapping onto more rows, so the chart grows to fit them.
  const items = [
    ...f.series.map((s, i) => ({ key: s.key, label: s.label, i })),
    ...(ref ? [{ key: 'reference', label: ref.label, i: -1 }] : []),
  ];
  const placed: { x: number; row: number; it: (typeof items)[number] }[] = [];
  let lx = L,
    row = 0;
  for (const it of items) {
    const w = 30 + it.label.length * 6.4;
    if (lx + w > W - R && lx > L) {
      row++;
      lx = L;
    }
    placed.push({ x: lx, row, it });
    lx += w;
  }
  const H = H0 + row * 18;
  const legendY = (r: number) => H0 - 16 + r * 18;
  const { max: top, step } = niceScale(Math.max(max * 1.04, ref ? ref.value * 1.1 : 0));
  const ph = H0 - T - B,
    pw = W - L - R;
  const y = (v: number) => T + ph - (v / top) * ph;
  const bw = pw / f.categories.length;
  const x0 = (i: number) => L + i * bw;
  const grid: string[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) {
    grid.push(
      `<line x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/><text x="${L - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="tick">${fmt(v)}</text>`,
    );
  }
  const xt = f.categories
    .map(
      (c, i) => `<text x="${(x0(i) + bw / 2).toFixed(1)}" y="${T + ph + 16}" text-anchor="middle" class="tick">${esc(c)}</text>`,
    )
    .join('');
  const refLine = ref
    ? `<g class="ref"${attrs(ref.data)}><line x1="${L}" x2="${W - R}" y1="${y(ref.value).toFixed(1)}" y2="${y(ref.value).toFixed(1)}" stroke="#c0392b" stroke-width="2" stroke-dasharray="8 4"/><text x="${W - R - 4}" y="${(y(ref.value) - 6).toFixed(1)}" text-anchor="end" class="reflabel">${esc(ref.label)}</text></g>`
    : '';
  const axes =
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${T + ph}" class="axis"/><line x1="${L}" x2="${W - R}" y1="${T + ph}" y2="${T + ph}" class="axis"/>` +
    `<text transform="translate(16 ${T + ph / 2}) rotate(-90)" text-anchor="middle" class="axislabel">${esc(f.yLabel)}</text>` +
    `<text x="${L + pw / 2}" y="${H0 - 30}" text-anchor="middle" class="axislabel">${esc(f.xLabel)}</text>`;
  const legend = placed
    .map(({ x, row: r, it }) => {
      const ly = legendY(r);
      const sw =
        it.i < 0
          ? `<line x1="${x}" x2="${x + 18}" y1="${ly + 6}" y2="${ly + 6}" stroke="#c0392b" stroke-width="2" stroke-dasharray="8 4"/>`
          : legendKind === 'box'
            ? `<rect x="${x}" y="${ly}" width="14" height="12" fill="${fill(f.id, it.i)}" stroke="#222" stroke-width="0.6"/>`
            : `<line x1="${x}" x2="${x + 14}" y1="${ly + 6}" y2="${ly + 6}" stroke="${LINE_COLOURS[it.i % LINE_COLOURS.length]}" stroke-width="3" stroke-dasharray="${LINE_DASH[it.i % LINE_DASH.length]}"/>`;
      return `<g class="legend-item" data-series="${esc(it.key)}">${sw}<text x="${x + (it.i < 0 ? 22 : 18)}" y="${ly + 10}" class="legend">${esc(it.label)}</text></g>`;
    })
    .join('');
  return (
    `<figure class="chart" id="${esc(f.id)}"><figcaption>${esc(f.title)}</figcaption>` +
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${esc(f.id)}-t" xmlns="http://www.w3.org/2000/svg"><title id="${esc(f.id)}-t">${esc(f.title)}</title>${patternDefs(f.id, f.series.length)}` +
    `${grid.join('')}${body(y, x0, bw)}${refLine}${axes}${xt}<g class="legend-box">${legend}</g></svg></figure>`
  );
}

/** Bars per category: stacked (one column of segments) or grouped (side by side). values[series][category]. */
/** Only the series with a mark (a non-zero bar): no legend entry for bars that are not drawn. */
function withMarks(spec: BarSpec): BarSpec {
  const keep = spec.series.map((_, i) => spec.values[i]!.some((m) => m.value !== 0));
  if (!keep.some(Boolean) || keep.every(Boolean)) return spec;
  return { ...spec, series: spec.series.filter((_, i) => keep[i]), values: spec.values.filter((_, i) => keep[i]) };
}

export function barChart(spec: BarSpec): string {
  const f = withMarks(spec);
  const max = f.stacked
    ? Math.max(0, ...f.categories.map((_, c) => f.values.reduce((a, s) => a + Math.max(0, s[c]!.value), 0)))
    : Math.max(0, ...f.values.flat().map((m) => m.value));
  return frame(
    f,
    max,
    (y, x0, bw) => {
      const out: string[] = [];
      const pad = bw * 0.18;
      f.categories.forEach((_, c) => {
        let base = 0;
        f.values.forEach((s, i) => {
          const m = s[c]!;
          const v = Math.max(0, m.value);
          let x: number, w: number, y1: number, y2: number;
          if (f.stacked) {
            x = x0(c) + pad;
            w = bw - 2 * pad;
            y1 = y(base + v);
            y2 = y(base);
            base += v;
          } else {
            w = (bw - 2 * pad) / f.values.length;
            x = x0(c) + pad + i * w;
            y1 = y(v);
            y2 = y(0);
          }
          out.push(
            `<rect class="bar" x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${w.toFixed(1)}" height="${Math.max(0, y2 - y1).toFixed(1)}" fill="${fill(f.id, i)}" stroke="#222" stroke-width="0.4"${attrs({ 'data-series': f.series[i]!.key, 'data-category': f.categories[c], ...m.data })}><title>${esc(`${f.series[i]!.label}, ${f.categories[c]}: ${fmt(m.value)}`)}</title></rect>`,
          );
        });
        const t = f.totals?.[c];
        if (t)
          out.push(
            `<text class="total" x="${(x0(c) + bw / 2).toFixed(1)}" y="${(y(t.value) - 4).toFixed(1)}" text-anchor="middle"${attrs(t.data)}>${fmt(t.value)}</text>`,
          );
      });
      return out.join('');
    },
    f.ref,
  );
}

const LINE_COLOURS = ['#1f3b57', '#d9822b', '#6f9fcb', '#555555'];
const LINE_DASH = ['none', '6 3', '2 3', '10 3 2 3'];

/** Lines over categories, optionally with a shaded band (e.g. P5-P95) per series. */
export function lineChart(f: LineSpec): string {
  const max = Math.max(0, ...f.values.flat().map((m) => m.value), ...(f.band?.high ?? []));
  return frame(
    f,
    max,
    (y, x0, bw) => {
      const cx = (c: number) => x0(c) + bw / 2;
      const out: string[] = [];
      if (f.band) {
        const up = f.band.high.map((v, c) => `${cx(c).toFixed(1)},${y(v).toFixed(1)}`);
        const down = f.band.low.map((v, c) => `${cx(c).toFixed(1)},${y(v).toFixed(1)}`).reverse();
        out.push(
          `<polygon class="band" points="${[...up, ...down].join(' ')}" fill="#9ecae1" fill-opacity="0.55" stroke="none"><title>${esc(f.band.label)}</title></polygon>`,
        );
      }
      f.values.forEach((s, i) => {
        const pts = s.map((m, c) => `${cx(c).toFixed(1)},${y(m.value).toFixed(1)}`).join(' ');
        out.push(
          `<polyline class="line" points="${pts}" fill="none" stroke="${LINE_COLOURS[i % LINE_COLOURS.length]}" stroke-width="3" stroke-dasharray="${LINE_DASH[i % LINE_DASH.length]}" data-series="${esc(f.series[i]!.key)}"/>`,
        );
        s.forEach((m, c) =>
          out.push(
            `<circle class="point" cx="${cx(c).toFixed(1)}" cy="${y(m.value).toFixed(1)}" r="3.5" fill="${LINE_COLOURS[i % LINE_COLOURS.length]}"${attrs({ 'data-series': f.series[i]!.key, 'data-category': f.categories[c], ...m.data })}><title>${esc(`${f.series[i]!.label}, ${f.categories[c]}: ${fmt(m.value)}`)}</title></circle>`,
          ),
        );
      });
      return out.join('');
    },
    f.ref,
    'line',
  );
}

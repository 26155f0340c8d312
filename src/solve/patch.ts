// The answer as a scenario patch: a file that `extends` the solved scenario and writes the
// one input in the YAML form the path names (mechanisms[F-2].appropriations.US.amount ->
// mechanisms: [{ id: F-2, appropriations: { US: { amount: 312.5M } } }]), which extends
// merges into the figure as written (its window, `per` and source stay). A `note:` on the
// figure's own mapping (or its mechanism) and the patch's description say how it was found.
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { type Dec, millions } from '../core/money.js';
import type { Fig } from '../model/scenario.js';

/** An input's value as a scenario file writes it: 312.5M, 30%, 2.5x. */
export function figureText(f: Fig, x: Dec): string {
  if (f.unit === 'rate') return `${x.times(100).toPlain(10)}%`;
  if (f.unit === 'ratio') return `${x.toPlain(10)}x`;
  return `${millions(x)}M`;
}

type Segment = { key: string; id?: string };

/** mechanisms[F-2].appropriations.US.amount -> [{ key: mechanisms, id: F-2 }, { key: appropriations }, ...]. */
export function segmentsOf(path: string): Segment[] | undefined {
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)(?:\[([^\]]+)\])?$/.exec(part);
    if (!m) return undefined;
    out.push({ key: m[1]!, id: m[2] });
  }
  return out;
}

export interface PatchSpec {
  /** The scenario patched, relative to the patch file. */
  extendsPath: string;
  name: string;
  description: string;
  input: Fig;
  value: Dec;
  note: string;
  /** The command that wrote it, for the header comment. */
  command: string;
}

/** The patch's text. Undefined for a path that is not a chain of keys and [id]s. */
export function patchYaml(p: PatchSpec): string | undefined {
  const segs = segmentsOf(p.input.path);
  if (!segs) return undefined;
  const leaf = segs[segs.length - 1]!;
  // The mechanism takes the note (every mechanism has one); outside mechanisms, the
  // figure's own mapping when it is written as one ({ value, source }).
  const noteAt = segs[0]!.key === 'mechanisms' ? 0 : leaf.key === 'amount' || leaf.key === 'value' ? segs.length - 2 : -1;
  const body = buildFrom(segs, 0, p, noteAt);
  const doc = new Document({ extends: p.extendsPath, name: p.name, description: p.description, ...body });
  const ext = doc.get('extends', true) as Scalar;
  ext.type = Scalar.QUOTE_DOUBLE;
  // The innermost mapping in flow style, as scenario files write a figure: { amount: 312.5M }.
  flowInnermost(doc.contents as YAMLMap);
  const head = `# Written by: ${p.command.replace(/[\r\n]/g, ' ')}\n`;
  return head + doc.toString({ lineWidth: 0 });
}

function buildFrom(segs: Segment[], i: number, p: PatchSpec, noteAt: number): Record<string, unknown> {
  const s = segs[i]!;
  const last = i === segs.length - 1;
  const inner: unknown = last ? figureText(p.input, p.value) : buildFrom(segs, i + 1, p, noteAt);
  if (s.id !== undefined) {
    const item: Record<string, unknown> = { id: s.id, ...(inner as Record<string, unknown>) };
    if (noteAt === i) item.note = p.note;
    return { [s.key]: [item] };
  }
  if (noteAt === i && typeof inner === 'object' && inner !== null) (inner as Record<string, unknown>).note = p.note;
  return { [s.key]: inner };
}

function flowInnermost(m: YAMLMap): void {
  let deepest: YAMLMap | undefined;
  const walk = (n: unknown) => {
    if (n instanceof YAMLMap) {
      if (n.items.every((it) => !(it.value instanceof YAMLMap) && !isSeq(it.value))) deepest = n;
      for (const it of n.items) walk(it.value);
    } else if (isSeq(n)) for (const x of n.items) walk(x);
  };
  for (const it of m.items) if ((it.key as Scalar).value === 'mechanisms' || it.value instanceof YAMLMap) walk(it.value);
  if (deepest && deepest !== m) deepest.flow = true;
}

function isSeq(n: unknown): n is YAMLSeq {
  return n instanceof YAMLSeq;
}

export interface ScenarioPatch {
  /** The scenario patched, relative to the patch file (or a shipped scenario's short name). */
  extendsPath: string;
  name: string;
  description: string;
  /** Each change: a path as Fig.path writes it and the value as a file writes it. */
  changes: { path: string; value: string | boolean }[];
  /** Comment lines on top. */
  head: readonly string[];
}

/**
 * Several changes as one patch (the interactive report's settings): paths that share a
 * mechanism or a wave share its list item, and each figure's innermost mapping is written
 * in flow style. A path that is not a chain of keys and [id]s is left out.
 */
export function scenarioPatch(p: ScenarioPatch): string {
  const root: Record<string, unknown> = {};
  for (const c of p.changes) {
    const segs = segmentsOf(c.path);
    if (segs && segs[segs.length - 1]!.id === undefined) place(root, segs, c.value);
  }
  const doc = new Document({ extends: p.extendsPath, name: p.name, description: p.description, ...root });
  (doc.get('extends', true) as Scalar).type = Scalar.QUOTE_DOUBLE;
  const flowLeaves = (n: unknown, top: boolean): void => {
    if (n instanceof YAMLMap) {
      if (!top && n.items.every((it) => !(it.value instanceof YAMLMap) && !isSeq(it.value))) n.flow = true;
      for (const it of n.items) flowLeaves(it.value, false);
    } else if (isSeq(n)) for (const x of n.items) flowLeaves(x, true);
  };
  flowLeaves(doc.contents, true);
  const head = p.head.map((l) => `# ${l.replace(/[\r\n]/g, ' ')}\n`).join('');
  return head + doc.toString({ lineWidth: 0 });
}

function place(root: Record<string, unknown>, segs: Segment[], value: string | boolean): void {
  let cur = root;
  segs.forEach((s, i) => {
    if (i === segs.length - 1) {
      cur[s.key] = value;
      return;
    }
    if (s.id === undefined) {
      const next = cur[s.key];
      cur = (typeof next === 'object' && next !== null ? next : (cur[s.key] = {})) as Record<string, unknown>;
      return;
    }
    const list = (Array.isArray(cur[s.key]) ? cur[s.key] : (cur[s.key] = [])) as Record<string, unknown>[];
    let item = list.find((x) => x.id === s.id);
    if (!item) list.push((item = { id: s.id }));
    cur = item;
  });
}

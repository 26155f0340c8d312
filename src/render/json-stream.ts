// JSON.stringify(value, null, 2) written in pieces, byte for byte the same: the JSON of a
// large plan (10,000 mechanisms x 100 years) passes V8's longest string (~512 MiB), so it
// is never held as one string. The outer levels are walked here; each value below
// DEPTH is stringified natively and re-indented (JSON strings hold no raw newline, so
// adding the indentation after every newline is exact).
const DEPTH = 3;
const FLUSH = 1 << 20;

export function writeJson(value: unknown, write: (s: string) => void): void {
  let buf = '';
  const emit = (s: string) => {
    buf += s;
    if (buf.length >= FLUSH) {
      write(buf);
      buf = '';
    }
  };
  walk(value, '', 0, emit);
  if (buf) write(buf);
}

function walk(v: unknown, pad: string, depth: number, emit: (s: string) => void): void {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: () => unknown }).toJSON();
  if (depth >= DEPTH || v === null || typeof v !== 'object') {
    const s = JSON.stringify(v, null, 2) ?? 'null';
    emit(pad ? s.replaceAll('\n', `\n${pad}`) : s);
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return emit('[]');
    emit('[');
    for (let i = 0; i < v.length; i++) {
      emit(`${i ? ',' : ''}\n${inner}`);
      const x = v[i] as unknown;
      // As JSON.stringify: undefined, a function or a symbol in a list is null.
      walk(x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : x, inner, depth + 1, emit);
    }
    return emit(`\n${pad}]`);
  }
  let first = true;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    emit(`${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `);
    first = false;
    walk(x, inner, depth + 1, emit);
  }
  emit(first ? '{}' : `\n${pad}}`);
}

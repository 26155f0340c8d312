// Names a place in a located tree the way people read it: `mechanisms[F-3].obligations.US`
// (ids instead of list indices where the items have them).
import { getEntry, type LNode } from './tree.js';

export function describePath(tree: LNode, path: readonly PropertyKey[]): string {
  let out = '';
  let n: LNode | undefined = tree;
  for (const p of path) {
    if (typeof p === 'number') {
      const item: LNode | undefined = n?.kind === 'seq' ? n.items[p] : undefined;
      const idNode = item?.kind === 'map' ? getEntry(item, 'id')?.value : undefined;
      out += idNode?.kind === 'scalar' && idNode.value !== null ? `[${String(idNode.value)}]` : `[${p}]`;
      n = item;
    } else {
      out += (out ? '.' : '') + String(p);
      n = n?.kind === 'map' ? getEntry(n, String(p))?.value : undefined;
    }
  }
  return out;
}

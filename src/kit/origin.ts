// Where a normalized mechanism came from, as a token: normalize gives two mechanisms one
// token only when they were normalized from the very same written node, at the same place
// in the list, with the same context (the nodes of every key the Normalizer reads, and the
// files read), so every value in them is the same. A stage above may key work a mechanism
// alone determines by it (check: the ledger row of a variant's unchanged mechanism).
import type { MechBase } from '../model/scenario.js';

const origins = new WeakMap<MechBase, object>();

/** Records `m`'s token (normalize only). */
export function setOrigin(m: MechBase, token: object): void {
  origins.set(m, token);
}

/** `m`'s token, when normalize gave it one. */
export function originOf(m: MechBase): object | undefined {
  return origins.get(m);
}

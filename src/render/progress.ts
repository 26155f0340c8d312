// A one-line progress bar on stderr for long runs; nothing at all when stderr is not a terminal.
export function progressBar(
  write: (s: string) => void,
  enabled: boolean,
): { update(done: number, total: number): void; end(): void } {
  let shown = -1;
  return {
    update(done, total) {
      if (!enabled) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === shown) return;
      shown = pct;
      const w = 30,
        fill = Math.round((pct / 100) * w);
      write(`\r[${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${String(pct).padStart(3)}% ${done}/${total} trials`);
    },
    end() {
      if (enabled && shown >= 0) write('\r\x1b[K');
    },
  };
}

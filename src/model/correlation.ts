// Correlation matrices: a Cholesky factor that accepts positive semi-definite matrices
// (a correlation of 1 makes the matrix singular, and is allowed).

/** Lower-triangular L with L L^T = m, or undefined when m is not positive semi-definite (tolerance 1e-10). */
export function choleskyPsd(m: number[][]): number[][] | undefined {
  const n = m.length;
  const L = m.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = m[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    if (d < -1e-10) return undefined;
    const ljj = d > 1e-12 ? Math.sqrt(d) : 0;
    L[j]![j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (ljj === 0) {
        // A zero pivot: the rest of the column must be zero too, else not PSD.
        if (Math.abs(s) > 1e-8) return undefined;
        L[i]![j] = 0;
      } else L[i]![j] = s / ljj;
    }
  }
  return L;
}

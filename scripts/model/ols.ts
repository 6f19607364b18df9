// Ordinary least squares for the market model: a dozen coefficients over about a hundred
// published prices, small enough to solve the normal equations directly. Binary floating point is
// fine here: the fit's figures are rounded to two decimals before anything prices with them.

export interface OlsFit {
  /** One estimate per column of X. */
  readonly coefficients: readonly number[];
  /** Their standard errors: sqrt of the diagonal of s² (XᵀX)⁻¹. */
  readonly standardErrors: readonly number[];
  /** y − Xb. */
  readonly residuals: readonly number[];
  /** s = sqrt(Σ residual² / (n − k)). */
  readonly residualStandardError: number;
}

/** Solves min |y − Xb|² for b. Throws when a column is a combination of the others. */
export function ols(x: readonly (readonly number[])[], y: readonly number[]): OlsFit {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  if (n !== y.length) throw new RangeError(`ols: ${n} rows of X but ${y.length} values of y`);
  if (n <= k) throw new RangeError(`ols: ${n} observations cannot fit ${k} coefficients`);
  // XᵀX and Xᵀy.
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const row = x[i]!;
    for (let a = 0; a < k; a++) {
      xty[a]! += row[a]! * y[i]!;
      for (let b = 0; b < k; b++) xtx[a]![b]! += row[a]! * row[b]!;
    }
  }
  const inverse = invert(xtx);
  const coefficients = inverse.map((r) => r.reduce((s, v, j) => s + v * xty[j]!, 0));
  const residuals = x.map((row, i) => y[i]! - row.reduce((s, v, j) => s + v * coefficients[j]!, 0));
  const s2 = residuals.reduce((s, r) => s + r * r, 0) / (n - k);
  return {
    coefficients,
    standardErrors: inverse.map((r, j) => Math.sqrt(s2 * r[j]!)),
    residuals,
    residualStandardError: Math.sqrt(s2),
  };
}

/** Gauss-Jordan inverse with partial pivoting. */
function invert(m: readonly (readonly number[])[]): number[][] {
  const k = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    const scale = Math.max(...m.map((row) => Math.abs(row[col]!)), 1);
    if (Math.abs(a[pivot]![col]!) < 1e-10 * scale) throw new RangeError(`ols: column ${col} is a combination of the others`);
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let j = 0; j < 2 * k; j++) a[col]![j]! /= p;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      if (f !== 0) for (let j = 0; j < 2 * k; j++) a[r]![j]! -= f * a[col]![j]!;
    }
  }
  return a.map((row) => row.slice(k));
}

/** The q-quantile of values by linear interpolation between order statistics (R's type 7, numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

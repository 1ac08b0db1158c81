/**
 * Plain TypeScript matrix-multiply kernels on row-major float32 buffers.
 * Each writes (does not accumulate) its output. Loop orders keep the innermost loop on
 * contiguous memory.
 */

/** out[n, m] = a[n, k] · b[k, m] */
export function matmulNN(a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void {
  out.fill(0, 0, n * m);
  for (let i = 0; i < n; i++) {
    const outRow = i * m;
    for (let p = 0; p < k; p++) {
      const scale = a[i * k + p];
      if (scale === 0) continue;
      const bRow = p * m;
      for (let j = 0; j < m; j++) out[outRow + j] += scale * b[bRow + j];
    }
  }
}

/** out[n, m] = a[n, k] · b[m, k]ᵀ */
export function matmulNT(a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const aRow = i * k;
    for (let j = 0; j < m; j++) {
      const bRow = j * k;
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a[aRow + p] * b[bRow + p];
      out[i * m + j] = acc;
    }
  }
}

/** out[k, m] = a[n, k]ᵀ · b[n, m] */
export function matmulTN(a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, m: number): void {
  out.fill(0, 0, k * m);
  for (let i = 0; i < n; i++) {
    const bRow = i * m;
    for (let p = 0; p < k; p++) {
      const scale = a[i * k + p];
      if (scale === 0) continue;
      const outRow = p * m;
      for (let j = 0; j < m; j++) out[outRow + j] += scale * b[bRow + j];
    }
  }
}

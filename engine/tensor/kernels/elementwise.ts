/** Row and elementwise kernels of the fused training step in plain TypeScript. */

/** out[i, j] += row[j] for a [rows, cols] matrix. */
export function addRowVector(out: Float32Array, row: Float32Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[base + j] += row[j];
  }
}

/** out[j] = Σ_i values[i, j] for a [rows, cols] matrix, summed in row order. */
export function columnSums(values: Float32Array, out: Float32Array, rows: number, cols: number): void {
  out.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j] += values[base + j];
  }
}

/** output = max(input, 0) over the first `length` values. */
export function relu(input: Float32Array, output: Float32Array, length: number): void {
  for (let i = 0; i < length; i++) output[i] = input[i] > 0 ? input[i] : 0;
}

/** gradInput = grad where input > 0, else 0, over the first `length` values. */
export function reluBackward(input: Float32Array, grad: Float32Array, gradInput: Float32Array, length: number): void {
  for (let i = 0; i < length; i++) gradInput[i] = input[i] > 0 ? grad[i] : 0;
}

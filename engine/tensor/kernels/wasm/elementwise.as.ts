// AssemblyScript source of the row and elementwise kernels of the fused training step,
// compiled into the same module as gemm.as.ts. Pointers are byte offsets; arrays are float32.

/** out[i, j] += row[j] for a [rows, cols] matrix. */
export function addRowVector(out: usize, row: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols << 2;
  const vectorBytes = <usize>(cols & ~3) << 2;
  let line = out;
  for (let i = 0; i < rows; i++) {
    let at: usize = 0;
    for (; at < vectorBytes; at += 16) v128.store(line + at, f32x4.add(v128.load(line + at), v128.load(row + at)));
    for (; at < rowBytes; at += 4) store<f32>(line + at, load<f32>(line + at) + load<f32>(row + at));
    line += rowBytes;
  }
}

/** out[j] = Σ_i values[i, j] for a [rows, cols] matrix, summed in row order. */
export function columnSums(values: usize, out: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols << 2;
  const vectorBytes = <usize>(cols & ~3) << 2;
  memory.fill(out, 0, rowBytes);
  let line = values;
  for (let i = 0; i < rows; i++) {
    let at: usize = 0;
    for (; at < vectorBytes; at += 16) v128.store(out + at, f32x4.add(v128.load(out + at), v128.load(line + at)));
    for (; at < rowBytes; at += 4) store<f32>(out + at, load<f32>(out + at) + load<f32>(line + at));
    line += rowBytes;
  }
}

/** output = max(input, 0) over `length` floats. */
export function relu(input: usize, output: usize, length: i32): void {
  const vectorBytes = <usize>(length & ~3) << 2;
  const endBytes = <usize>length << 2;
  const zero = f32x4.splat(0);
  let at: usize = 0;
  for (; at < vectorBytes; at += 16) {
    const x = v128.load(input + at);
    v128.store(output + at, v128.and(x, f32x4.gt(x, zero)));
  }
  for (; at < endBytes; at += 4) {
    const x = load<f32>(input + at);
    store<f32>(output + at, x > 0 ? x : 0);
  }
}

/** gradInput = grad where input > 0, else 0, over `length` floats. */
export function reluBackward(input: usize, grad: usize, gradInput: usize, length: i32): void {
  const vectorBytes = <usize>(length & ~3) << 2;
  const endBytes = <usize>length << 2;
  const zero = f32x4.splat(0);
  let at: usize = 0;
  for (; at < vectorBytes; at += 16) {
    const mask = f32x4.gt(v128.load(input + at), zero);
    v128.store(gradInput + at, v128.and(v128.load(grad + at), mask));
  }
  for (; at < endBytes; at += 4) {
    store<f32>(gradInput + at, load<f32>(input + at) > 0 ? load<f32>(grad + at) : 0);
  }
}

// AssemblyScript source of the WebAssembly SIMD matrix-multiply kernel, compiled by
// `npm run build:wasm`. All pointers are byte offsets into the module's linear memory and
// all matrices are row-major float32.

import { madd } from './simd.as';

export { adam, sgdMomentum } from './updates.as';
export { addRowVector, columnSums, relu, reluBackward } from './elementwise.as';

/** Rows of `out` computed together, so each loaded row of B is used this many times. */
const ROW_BLOCK = 4;
/** Depth of one pass over B, sized so a panel of B stays in the L1/L2 caches. */
const DEPTH_BLOCK = 256;
/**
 * Rows of A that pass over every panel of B before the next rows start, so that their
 * DEPTH_BLOCK-deep slice (128 KiB) stays in a core's L2 cache.
 */
const ROW_CHUNK = 128;

/**
 * out[r, j] (+)= Σ_q A(r, q) · B[q, j] for r in [rowStart, rowEnd) and j in [colStart, colEnd),
 * where colStart is a multiple of 8 and A(r, q) is the
 * float at a + 4·(r·rowStride + q·depthStride) and B is [depth, cols] at b.
 * Supports both a[rows, depth] (rowStride = depth, depthStride = 1) and a transposed
 * a[depth, rows] (rowStride = 1, depthStride = rows).
 */
export function gemm(
  a: usize,
  rowStride: i32,
  depthStride: i32,
  b: usize,
  out: usize,
  rowStart: i32,
  rowEnd: i32,
  depth: i32,
  cols: i32,
  panel: usize,
  colStart: i32,
  colEnd: i32,
): void {
  const panelEnd = colStart + ((colEnd - colStart) & ~7);
  for (let q0 = 0; q0 < depth; q0 += DEPTH_BLOCK) {
    const q1 = min(q0 + DEPTH_BLOCK, depth);
    for (let r0 = rowStart; r0 < rowEnd; r0 += ROW_CHUNK) {
      const r1 = min(r0 + ROW_CHUNK, rowEnd);
      for (let j = colStart; j < panelEnd; j += 8) {
        packPanel(b, panel, q0, q1, cols, j);
        panelRows(a, rowStride, depthStride, panel, out, r0, r1, q0, q1, cols, j);
      }
    }
    for (let j = panelEnd; j < colEnd; j++) {
      for (let r = rowStart; r < rowEnd; r++) {
        columnTail(a, rowStride, depthStride, b, out, r, q0, q1, cols, j, q0 > 0);
      }
    }
  }
}

/** Multiplies rows [rowStart, rowEnd) of A by one packed panel: out[r, j:j+8] (+)= A(r, q0:q1) · panel. */
// @ts-ignore: decorator
@inline
function panelRows(
  a: usize, rowStride: i32, depthStride: i32, panel: usize, out: usize,
  rowStart: i32, rowEnd: i32, q0: i32, q1: i32, cols: i32, j: i32,
): void {
  const accumulate = q0 > 0;
  let r = rowStart;
  for (; r + ROW_BLOCK <= rowEnd; r += ROW_BLOCK) {
    rowBlock4(a, rowStride, depthStride, panel, out, r, q0, q1, cols, j, accumulate);
  }
  for (; r < rowEnd; r++) {
    rowBlock1(a, rowStride, depthStride, panel, out, r, q0, q1, cols, j, accumulate);
  }
}

/**
 * out[r, j] = Σ_q a[r, q] · b[j, q] for r in [rowStart, rowEnd) and j in [colStart, colEnd):
 * the product with a transposed right operand b[cols, depth]. Panels of bᵀ are packed by 4×4 transposes, then
 * the same register blocks as `gemm` run over them.
 */
export function gemmBT(
  a: usize, b: usize, out: usize, rowStart: i32, rowEnd: i32, depth: i32, cols: i32, panel: usize,
  colStart: i32, colEnd: i32,
): void {
  const panelEnd = colStart + ((colEnd - colStart) & ~7);
  for (let q0 = 0; q0 < depth; q0 += DEPTH_BLOCK) {
    const q1 = min(q0 + DEPTH_BLOCK, depth);
    for (let r0 = rowStart; r0 < rowEnd; r0 += ROW_CHUNK) {
      const r1 = min(r0 + ROW_CHUNK, rowEnd);
      for (let j = colStart; j < panelEnd; j += 8) {
        packPanelTransposed(b, panel, q0, q1, depth, j);
        panelRows(a, depth, 1, panel, out, r0, r1, q0, q1, cols, j);
      }
    }
  }
  if (panelEnd < colEnd) dotProducts(a, b, out, rowStart, rowEnd, depth, cols, panelEnd, colEnd);
}

/**
 * Packs bᵀ[q0:q1, j:j+8] from b[cols, depth] into the panel layout `packPanel` writes:
 * four depths of eight rows of b are loaded and transposed in registers at a time.
 */
function packPanelTransposed(b: usize, panel: usize, q0: i32, q1: i32, depth: i32, j: i32): void {
  const rowBytes = <usize>depth << 2;
  const row0 = b + <usize>j * rowBytes;
  const row4 = row0 + (rowBytes << 2);
  const vectorEnd = q0 + ((q1 - q0) & ~3);
  let target = panel;
  for (let q = q0; q < vectorEnd; q += 4) {
    const offset = <usize>q << 2;
    transpose4(row0 + offset, rowBytes, target);
    transpose4(row4 + offset, rowBytes, target + 16);
    target += 128;
  }
  for (let q = vectorEnd; q < q1; q++) {
    const offset = <usize>q << 2;
    for (let c = 0; c < 8; c++) store<f32>(target + (<usize>c << 2), load<f32>(row0 + <usize>c * rowBytes + offset));
    target += 32;
  }
}

/**
 * Reads four floats from each of four rows `rowBytes` apart and stores them as four
 * columns, each 32 bytes after the previous one, as the panel interleaves two such halves.
 */
// @ts-ignore: decorator
@inline
function transpose4(source: usize, rowBytes: usize, target: usize): void {
  const r0 = v128.load(source);
  const r1 = v128.load(source + rowBytes);
  const r2 = v128.load(source + rowBytes * 2);
  const r3 = v128.load(source + rowBytes * 3);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(target, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(target + 32, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(target + 64, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(target + 96, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

/**
 * Copies B[q0:q1, j:j+8] into a contiguous panel, so the inner loop reads it sequentially
 * instead of striding by whole rows of B (strides of 4 KiB alias in the caches).
 */
function packPanel(b: usize, panel: usize, q0: i32, q1: i32, cols: i32, j: i32): void {
  let source = b + (<usize>(q0 * cols + j) << 2);
  let target = panel;
  const rowBytes = <usize>cols << 2;
  for (let q = q0; q < q1; q++) {
    v128.store(target, v128.load(source));
    v128.store(target + 16, v128.load(source + 16));
    source += rowBytes;
    target += 32;
  }
}

// @ts-ignore: decorator
@inline
function loadA(a: usize, rowStride: i32, depthStride: i32, r: i32, q: i32): f32 {
  return load<f32>(a + (<usize>(r * rowStride + q * depthStride) << 2));
}

function rowBlock4(
  a: usize, rowStride: i32, depthStride: i32, panel: usize, out: usize,
  r: i32, q0: i32, q1: i32, cols: i32, j: i32, accumulate: bool,
): void {
  const rowBytes = <usize>cols << 2;
  const out0 = out + <usize>r * rowBytes + (<usize>j << 2);
  const out1 = out0 + rowBytes;
  const out2 = out1 + rowBytes;
  const out3 = out2 + rowBytes;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (accumulate) {
    c00 = v128.load(out0); c01 = v128.load(out0 + 16);
    c10 = v128.load(out1); c11 = v128.load(out1 + 16);
    c20 = v128.load(out2); c21 = v128.load(out2 + 16);
    c30 = v128.load(out3); c31 = v128.load(out3 + 16);
  }
  // Pointers walk A and the panel, so the loop does no index arithmetic beyond additions.
  const rowGap = <usize>rowStride << 2;
  const step = <usize>depthStride << 2;
  let a0 = a + (<usize>(r * rowStride + q0 * depthStride) << 2);
  let bRow = panel;
  const bEnd = panel + (<usize>(q1 - q0) << 5);
  while (bRow < bEnd) {
    const b0 = v128.load(bRow);
    const b1 = v128.load(bRow, 16);
    const a1 = a0 + rowGap;
    const x0 = v128.load32_splat(a0);
    const x1 = v128.load32_splat(a1);
    c00 = madd(x0, b0, c00); c01 = madd(x0, b1, c01);
    c10 = madd(x1, b0, c10); c11 = madd(x1, b1, c11);
    const x2 = v128.load32_splat(a1 + rowGap);
    const x3 = v128.load32_splat(a1 + (rowGap << 1));
    c20 = madd(x2, b0, c20); c21 = madd(x2, b1, c21);
    c30 = madd(x3, b0, c30); c31 = madd(x3, b1, c31);
    a0 += step;
    bRow += 32;
  }
  v128.store(out0, c00); v128.store(out0 + 16, c01);
  v128.store(out1, c10); v128.store(out1 + 16, c11);
  v128.store(out2, c20); v128.store(out2 + 16, c21);
  v128.store(out3, c30); v128.store(out3 + 16, c31);
}

function rowBlock1(
  a: usize, rowStride: i32, depthStride: i32, panel: usize, out: usize,
  r: i32, q0: i32, q1: i32, cols: i32, j: i32, accumulate: bool,
): void {
  const outRow = out + <usize>r * (<usize>cols << 2) + (<usize>j << 2);
  let c0 = accumulate ? v128.load(outRow) : f32x4.splat(0);
  let c1 = accumulate ? v128.load(outRow + 16) : f32x4.splat(0);
  let bRow = panel;
  for (let q = q0; q < q1; q++) {
    const a0 = f32x4.splat(loadA(a, rowStride, depthStride, r, q));
    c0 = madd(a0, v128.load(bRow), c0);
    c1 = madd(a0, v128.load(bRow + 16), c1);
    bRow += 32;
  }
  v128.store(outRow, c0);
  v128.store(outRow + 16, c1);
}

/** Computes one output column left over after the 8-wide panels, reading B directly. */
function columnTail(
  a: usize, rowStride: i32, depthStride: i32, b: usize, out: usize,
  r: i32, q0: i32, q1: i32, cols: i32, j: i32, accumulate: bool,
): void {
  const rowBytes = <usize>cols << 2;
  const at = out + <usize>r * rowBytes + (<usize>j << 2);
  let sum: f32 = accumulate ? load<f32>(at) : 0;
  let bAt = b + <usize>q0 * rowBytes + (<usize>j << 2);
  for (let q = q0; q < q1; q++) {
    sum += loadA(a, rowStride, depthStride, r, q) * load<f32>(bAt);
    bAt += rowBytes;
  }
  store<f32>(at, sum);
}

/**
 * out[i, j] (+)= Σ_p a[i, p] · b[j, p] for i in [rowStart, rowEnd) and j in [colStart, colEnd),
 * as dot products of rows: `gemmBT` uses it for the columns left over after its 8-wide
 * panels. The depth is walked in blocks so the rows of b in use stay in the caches.
 */
function dotProducts(
  a: usize, b: usize, out: usize, rowStart: i32, rowEnd: i32, depth: i32, cols: i32, colStart: i32, colEnd: i32,
): void {
  const rowBytes = <usize>depth << 2;
  for (let p0 = 0; p0 < depth; p0 += DEPTH_BLOCK) {
    const p1 = min(p0 + DEPTH_BLOCK, depth);
    const vectorEnd = p0 + ((p1 - p0) & ~3);
    const accumulate = p0 > 0;
    let i = rowStart;
    for (; i + 2 <= rowEnd; i += 2) {
      const a0 = a + <usize>i * rowBytes;
      const a1 = a0 + rowBytes;
      let j = colStart;
      for (; j + 4 <= colEnd; j += 4) {
        const b0 = b + <usize>j * rowBytes;
        const b1 = b0 + rowBytes;
        const b2 = b1 + rowBytes;
        const b3 = b2 + rowBytes;
        let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
        let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
        for (let p = p0; p < vectorEnd; p += 4) {
          const offset = <usize>p << 2;
          const x0 = v128.load(a0 + offset);
          const x1 = v128.load(a1 + offset);
          const y0 = v128.load(b0 + offset);
          const y1 = v128.load(b1 + offset);
          const y2 = v128.load(b2 + offset);
          const y3 = v128.load(b3 + offset);
          c00 = madd(x0, y0, c00); c01 = madd(x0, y1, c01);
          c02 = madd(x0, y2, c02); c03 = madd(x0, y3, c03);
          c10 = madd(x1, y0, c10); c11 = madd(x1, y1, c11);
          c12 = madd(x1, y2, c12); c13 = madd(x1, y3, c13);
        }
        const outRow0 = out + (<usize>(i * cols + j) << 2);
        const outRow1 = outRow0 + (<usize>cols << 2);
        storeDot(outRow0, c00, a0, b0, vectorEnd, p1, accumulate);
        storeDot(outRow0 + 4, c01, a0, b1, vectorEnd, p1, accumulate);
        storeDot(outRow0 + 8, c02, a0, b2, vectorEnd, p1, accumulate);
        storeDot(outRow0 + 12, c03, a0, b3, vectorEnd, p1, accumulate);
        storeDot(outRow1, c10, a1, b0, vectorEnd, p1, accumulate);
        storeDot(outRow1 + 4, c11, a1, b1, vectorEnd, p1, accumulate);
        storeDot(outRow1 + 8, c12, a1, b2, vectorEnd, p1, accumulate);
        storeDot(outRow1 + 12, c13, a1, b3, vectorEnd, p1, accumulate);
      }
      for (; j < colEnd; j++) {
        const bj = b + <usize>j * rowBytes;
        dotInto(out + (<usize>(i * cols + j) << 2), a0, bj, p0, p1, accumulate);
        dotInto(out + (<usize>((i + 1) * cols + j) << 2), a1, bj, p0, p1, accumulate);
      }
    }
    for (; i < rowEnd; i++) {
      const ai = a + <usize>i * rowBytes;
      for (let j = colStart; j < colEnd; j++) {
        dotInto(out + (<usize>(i * cols + j) << 2), ai, b + <usize>j * rowBytes, p0, p1, accumulate);
      }
    }
  }
}

/** Stores the lane sum of `acc`, plus the scalar tail [from, to) of the dot product, at `at`. */
// @ts-ignore: decorator
@inline
function storeDot(at: usize, acc: v128, a: usize, b: usize, from: i32, to: i32, accumulate: bool): void {
  let sum = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) +
    f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  for (let p = from; p < to; p++) sum += load<f32>(a + (<usize>p << 2)) * load<f32>(b + (<usize>p << 2));
  store<f32>(at, accumulate ? load<f32>(at) + sum : sum);
}

function dotInto(at: usize, a: usize, b: usize, from: i32, to: i32, accumulate: bool): void {
  let sum: f32 = 0;
  for (let p = from; p < to; p++) sum += load<f32>(a + (<usize>p << 2)) * load<f32>(b + (<usize>p << 2));
  store<f32>(at, accumulate ? load<f32>(at) + sum : sum);
}

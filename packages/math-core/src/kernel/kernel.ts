import { type Dense, denseZeros, transposeDense } from "../tensor.ts";
import { dotProductsWasm } from "./dot-products-wasm.ts";

// C = A·Bᵀ, the inner loop of matmul and attention. It runs as a small WebAssembly SIMD module
// (dot-products.wat) where the runtime has one, which is about twice as fast as the best
// plain JavaScript, and falls back to JavaScript that adds in the same order, so the result
// is the same to the last bit either way.

// Declared here rather than taken from the DOM library: this package also runs in Node, and
// where the global is missing the kernel simply falls back to JavaScript.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface DotProductsModule {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  multiplyTransposed(a: number, b: number, c: number, n: number, m: number, k: number): void;
}

let compiled: DotProductsModule | null | undefined;
let wasmAllowed = true;

function wasmModule(): DotProductsModule | null {
  if (!wasmAllowed) return null;
  if (compiled === undefined) {
    try {
      const bytes = Uint8Array.from(atob(dotProductsWasm), (ch) => ch.charCodeAt(0));
      const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
      compiled = api ? (new api.Instance(new api.Module(bytes)).exports as DotProductsModule) : null;
    } catch {
      // No WebAssembly, or no SIMD (old runtimes, some locked-down browsers): use JavaScript.
      compiled = null;
    }
  }
  return compiled;
}

/** For tests: run the JavaScript path even where WebAssembly is available. */
export function useWebAssembly(allowed: boolean): void {
  wasmAllowed = allowed;
}

/** Whether the WebAssembly kernel is in use (false where the runtime lacks SIMD). */
export function webAssemblyActive(): boolean {
  return wasmModule() !== null;
}

// Module memory only grows, so very large products (beyond about 1,600×1,600) stay in JavaScript.
const MAX_WASM_BYTES = 64 * 2 ** 20;

/** C = A·B, with B's transpose written straight into the module's memory (no copy in between). */
export function multiply(A: Dense, B: Dense): Dense {
  return product(A, B, true);
}

/** C = A·Bᵀ: entry (i, j) is the dot product of row i of A with row j of B. */
export function multiplyTransposed(A: Dense, B: Dense): Dense {
  return product(A, B, false);
}

function product(A: Dense, B: Dense, transposeB: boolean): Dense {
  const wasm = wasmModule();
  const n = A.rows;
  const m = transposeB ? B.cols : B.rows;
  const k = A.cols;
  // The module works on even sizes: pad with zero rows and a zero column where needed.
  const np = n + (n & 1);
  const mp = m + (m & 1);
  const kp = k + (k & 1);
  const aAt = 0;
  const bAt = np * kp;
  const cAt = bAt + mp * kp;
  const total = cAt + np * mp;
  if (wasm === null || total * 8 > MAX_WASM_BYTES) return multiplyTransposedJs(A, transposeB ? transposeDense(B) : B);
  const missing = Math.ceil((total * 8 - wasm.memory.buffer.byteLength) / 65536);
  if (missing > 0) {
    try {
      wasm.memory.grow(missing);
    } catch {
      // The runtime refused more memory: JavaScript gives the same bits.
      return multiplyTransposedJs(A, transposeB ? transposeDense(B) : B);
    }
  }
  const memory = new Float64Array(wasm.memory.buffer, 0, total);
  pack(A, memory, aAt, np, kp);
  if (transposeB) packTransposed(B, memory, bAt, mp, kp);
  else pack(B, memory, bAt, mp, kp);
  wasm.multiplyTransposed(aAt * 8, bAt * 8, cAt * 8, np, mp, kp);
  const C = denseZeros(n, m);
  if (mp === m) C.data.set(memory.subarray(cAt, cAt + n * m));
  else for (let i = 0; i < n; i++) C.data.set(memory.subarray(cAt + i * mp, cAt + i * mp + m), i * m);
  return C;
}

function pack(M: Dense, memory: Float64Array, at: number, rows: number, width: number): void {
  if (rows === M.rows && width === M.cols) {
    memory.set(M.data, at);
    return;
  }
  memory.fill(0, at, at + rows * width);
  for (let i = 0; i < M.rows; i++) memory.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), at + i * width);
}

/** Writes Bᵀ (B is k×m) as `rows` rows of `width`, zero-padded. */
function packTransposed(B: Dense, memory: Float64Array, at: number, rows: number, width: number): void {
  if (rows !== B.cols || width !== B.rows) memory.fill(0, at, at + rows * width);
  const { rows: k, cols: m, data } = B;
  for (let p = 0; p < k; p++) {
    for (let j = 0; j < m; j++) memory[at + j * width + p] = data[p * m + j] as number;
  }
}

/**
 * The same computation in JavaScript, in the module's order: for each entry, the even-numbered
 * terms are summed in order, then the odd-numbered ones, and the two sums added. Two rows of A
 * meet two rows of B at a time, so every loaded number is used twice and the eight running
 * sums stay in registers.
 */
export function multiplyTransposedJs(A: Dense, B: Dense): Dense {
  const n = A.rows;
  const m = B.rows;
  const k = A.cols;
  const C = denseZeros(n, m);
  const a = A.data;
  const b = B.data;
  const c = C.data;
  const evenN = n - (n % 2);
  const evenM = m - (m % 2);
  const evenK = k - (k % 2);
  for (let i = 0; i < evenN; i += 2) {
    const a0 = i * k;
    const a1 = a0 + k;
    for (let j = 0; j < evenM; j += 2) {
      const b0 = j * k;
      const b1 = b0 + k;
      let e00 = 0;
      let e01 = 0;
      let e10 = 0;
      let e11 = 0;
      let o00 = 0;
      let o01 = 0;
      let o10 = 0;
      let o11 = 0;
      for (let p = 0; p < evenK; p += 2) {
        let x0 = a[a0 + p] as number;
        let x1 = a[a1 + p] as number;
        let y0 = b[b0 + p] as number;
        let y1 = b[b1 + p] as number;
        e00 += x0 * y0;
        e01 += x0 * y1;
        e10 += x1 * y0;
        e11 += x1 * y1;
        x0 = a[a0 + p + 1] as number;
        x1 = a[a1 + p + 1] as number;
        y0 = b[b0 + p + 1] as number;
        y1 = b[b1 + p + 1] as number;
        o00 += x0 * y0;
        o01 += x0 * y1;
        o10 += x1 * y0;
        o11 += x1 * y1;
      }
      if (evenK < k) {
        const x0 = a[a0 + evenK] as number;
        const x1 = a[a1 + evenK] as number;
        const y0 = b[b0 + evenK] as number;
        const y1 = b[b1 + evenK] as number;
        e00 += x0 * y0;
        e01 += x0 * y1;
        e10 += x1 * y0;
        e11 += x1 * y1;
        // The module's zero padding adds 0·0 to the odd sums (this turns −0 into 0).
        o00 += 0;
        o01 += 0;
        o10 += 0;
        o11 += 0;
      }
      c[i * m + j] = e00 + o00;
      c[i * m + j + 1] = e01 + o01;
      c[(i + 1) * m + j] = e10 + o10;
      c[(i + 1) * m + j + 1] = e11 + o11;
    }
    if (evenM < m) {
      c[i * m + evenM] = dot(a, a0, b, evenM * k, k);
      c[(i + 1) * m + evenM] = dot(a, a1, b, evenM * k, k);
    }
  }
  if (evenN < n) for (let j = 0; j < m; j++) c[evenN * m + j] = dot(a, evenN * k, b, j * k, k);
  return C;
}

function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, k: number): number {
  let even = 0;
  let odd = 0;
  let p = 0;
  for (; p + 1 < k; p += 2) {
    even += (a[aStart + p] as number) * (b[bStart + p] as number);
    odd += (a[aStart + p + 1] as number) * (b[bStart + p + 1] as number);
  }
  if (p < k) {
    even += (a[aStart + p] as number) * (b[bStart + p] as number);
    odd += 0;
  }
  return even + odd;
}

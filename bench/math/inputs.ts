// Deterministic inputs for the math-core bench: one case per n, the same numbers for every
// implementation (math-core and ml-matrix read them here, numpy from a JSON copy).

/** One n: matmul A·B, softmax over the rows of X, attention with Q, K, V all n×d (d = n). */
export interface MathCase {
  n: number;
  d: number;
  A: number[][];
  B: number[][];
  X: number[][];
  Q: number[][];
  K: number[][];
  V: number[][];
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller over mulberry32). */
function normal(seed: number): () => number {
  const next = uniform(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - next(); // (0, 1]: log(u) is finite
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

function matrix(draw: () => number, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, draw));
}

/** The case for one n; it depends only on (seed, n), not on which other sizes run. */
export function makeCase(seed: number, n: number): MathCase {
  const draw = normal(seed * 1_000_003 + n);
  const d = n;
  return {
    n,
    d,
    A: matrix(draw, n, n),
    B: matrix(draw, n, n),
    X: matrix(draw, n, n),
    Q: matrix(draw, n, d),
    K: matrix(draw, n, d),
    V: matrix(draw, n, d),
  };
}

// Batch timing for operations that take microseconds to milliseconds: warm up, pick an
// iteration count that makes a batch last about `batchMs`, then time whole batches.

/** Written after every batch so the engine cannot drop calls whose results go unused. */
export let sink = 0;

/** A full collection when node runs with --expose-gc; nothing otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Milliseconds for `iterations` back-to-back calls. */
export function timeBatch(run: () => { length: number }, iterations: number): number {
  let lengths = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) lengths += run().length;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  sink = (sink + lengths) % 1024;
  return elapsed;
}

/**
 * Warms `run` up (doubling the batch until it lasts an eighth of `batchMs`, then one batch
 * near full size, by which time the JIT has settled) and returns the iterations per batch.
 */
export function calibrate(run: () => { length: number }, batchMs: number): number {
  let iterations = 1;
  let elapsed = timeBatch(run, iterations);
  while (elapsed < batchMs / 8) {
    iterations *= 2;
    elapsed = timeBatch(run, iterations);
  }
  iterations = Math.max(1, Math.ceil((iterations * batchMs) / elapsed));
  elapsed = timeBatch(run, iterations);
  return Math.max(1, Math.ceil((iterations * batchMs) / elapsed));
}

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Largest |a − b| over two matrices; Infinity if their shapes differ. */
export function maxAbsDiff(a: number[][], b: number[][]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const rowA = a[i] ?? [];
    const rowB = b[i] ?? [];
    if (rowA.length !== rowB.length) return Number.POSITIVE_INFINITY;
    for (let j = 0; j < rowA.length; j++) {
      const diff = Math.abs((rowA[j] ?? Number.NaN) - (rowB[j] ?? Number.NaN));
      if (!(diff <= worst)) worst = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff;
    }
  }
  return worst;
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matrixOf, maxAbsDiff } from "../test/arbitraries.ts";
import { matmul, multiHeadAttention, scaledDotProductAttention, softmax, transpose } from "./index.ts";

const dims = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  m: fc.integer({ min: 1, max: 6 }),
  dk: fc.integer({ min: 1, max: 8 }),
  dv: fc.integer({ min: 1, max: 8 }),
});
const qkv = dims.chain(({ n, m, dk, dv }) => fc.tuple(matrixOf(n, dk), matrixOf(m, dk), matrixOf(m, dv)));

describe("scaledDotProductAttention", () => {
  it("is softmax(QKᵀ/√d_k)V", () => {
    fc.assert(
      fc.property(qkv, ([Q, K, V]) => {
        const { output, weights, scores } = scaledDotProductAttention(Q, K, V);
        const d = Q[0]?.length as number;
        const expectedScores = matmul(Q, transpose(K)).map((row) => row.map((x) => x / Math.sqrt(d)));
        expect(maxAbsDiff(scores, expectedScores)).toBeLessThanOrEqual(1e-12 * 100 * d);
        expect(maxAbsDiff(weights, softmax(expectedScores))).toBeLessThanOrEqual(1e-12);
        expect(maxAbsDiff(output, matmul(weights, V))).toBe(0);
      }),
    );
  });

  it("has row-stochastic weights, and masked positions get weight exactly 0", () => {
    const withMask = dims.chain(({ n, m, dk, dv }) =>
      fc.tuple(
        matrixOf(n, dk),
        matrixOf(m, dk),
        matrixOf(m, dv),
        // Every query keeps at least one key.
        fc.array(
          fc
            .array(fc.boolean(), { minLength: m, maxLength: m })
            .map((row) => (row.includes(true) ? row : [true, ...row.slice(1)])),
          { minLength: n, maxLength: n },
        ),
      ),
    );
    fc.assert(
      fc.property(withMask, ([Q, K, V, mask]) => {
        const { weights } = scaledDotProductAttention(Q, K, V, { mask });
        weights.forEach((row, i) => {
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
          row.forEach((w, j) => {
            if (!mask[i]?.[j]) expect(w).toBe(0);
          });
        });
      }),
    );
  });

  it("with a causal mask, query i only sees keys 0…i", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(matrixOf(n, 3), matrixOf(n, 3), matrixOf(n, 2))),
        ([Q, K, V]) => {
          const { weights } = scaledDotProductAttention(Q, K, V, { mask: "causal" });
          weights.forEach((row, i) => {
            row.forEach((w, j) => {
              if (j > i) expect(w).toBe(0);
            });
          });
          expect(weights[0]?.[0]).toBe(1);
        },
      ),
    );
  });

  it("explains mismatched shapes in attention's own terms", () => {
    expect(() => scaledDotProductAttention([[1, 2, 3]], [[1, 2]], [[1]])).toThrow(
      "scaledDotProductAttention: Q (1×3) and K (1×2) — each score is a dot product of a query row with a key row, so both need the same width d_k (3 and 2 differ)",
    );
    expect(() =>
      scaledDotProductAttention(
        [[1, 2]],
        [
          [1, 2],
          [3, 4],
        ],
        [[1]],
      ),
    ).toThrow("K (2×2) and V (1×1) — every key needs its value, so both need the same number of rows (2 and 1 differ)");
    expect(() => scaledDotProductAttention([[1]], [[1], [2]], [[1], [2]], { mask: [[true]] })).toThrow(
      "mask must have one row per query and one column per key (1×2), got 1×1",
    );
    expect(() => scaledDotProductAttention([[1]], [[1], [2]], [[1], [2]], { mask: [[false, false]] })).toThrow(
      "mask[0] hides every key, so query 0 has nothing to attend to",
    );
  });

  it("takes an explicit scale (for comparing against unscaled attention)", () => {
    const Q = [[1, 2]];
    const K = [
      [3, 4],
      [5, 6],
    ];
    const V = [
      [1, 0],
      [0, 1],
    ];
    expect(scaledDotProductAttention(Q, K, V, { scale: 1 }).weights).toEqual(softmax(matmul(Q, transpose(K))));
  });
});

describe("multiHeadAttention", () => {
  const heads = fc.integer({ min: 1, max: 4 });
  const setup = fc
    .record({
      n: fc.integer({ min: 1, max: 5 }),
      m: fc.integer({ min: 1, max: 5 }),
      dModel: fc.integer({ min: 1, max: 6 }),
      h: heads,
      dk: fc.integer({ min: 1, max: 3 }),
      dv: fc.integer({ min: 1, max: 3 }),
      dOut: fc.integer({ min: 1, max: 5 }),
    })
    .chain(({ n, m, dModel, h, dk, dv, dOut }) =>
      fc.record({
        h: fc.constant(h),
        X: matrixOf(n, dModel),
        C: matrixOf(m, dModel),
        WQ: matrixOf(dModel, h * dk),
        WK: matrixOf(dModel, h * dk),
        WV: matrixOf(dModel, h * dv),
        WO: matrixOf(h * dv, dOut),
      }),
    );

  it("head i attends with its own column block and the heads are concatenated before W^O", () => {
    fc.assert(
      fc.property(setup, ({ h, X, C, WQ, WK, WV, WO }) => {
        const result = multiHeadAttention(X, { heads: h, WQ, WK, WV, WO, context: C });
        const Q = matmul(X, WQ);
        const K = matmul(C, WK);
        const V = matmul(C, WV);
        const dk = (WQ[0]?.length as number) / h;
        const dv = (WV[0]?.length as number) / h;
        const slice = (M: number[][], i: number, w: number) => M.map((row) => row.slice(i * w, (i + 1) * w));
        result.heads.forEach((head, i) => {
          const single = scaledDotProductAttention(slice(Q, i, dk), slice(K, i, dk), slice(V, i, dv));
          expect(head.Q).toEqual(slice(Q, i, dk));
          expect(maxAbsDiff(head.weights, single.weights)).toBe(0);
          expect(maxAbsDiff(head.output, single.output)).toBe(0);
        });
        const concat = X.map((_, r) => result.heads.flatMap((head) => head.output[r] as number[]));
        expect(result.concat).toEqual(concat);
        expect(result.output).toEqual(matmul(concat, WO));
      }),
    );
  });

  it("is self-attention without a context, and one head is plain attention", () => {
    const X = [
      [1, 0, 2],
      [0, 1, -1],
    ];
    const W = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    const WO = [
      [1, 0],
      [0, 1],
    ];
    const one = multiHeadAttention(X, { heads: 1, WQ: W, WK: W, WV: W, WO });
    const XW = matmul(X, W);
    expect(one.output).toEqual(scaledDotProductAttention(XW, XW, XW).output);
    expect(multiHeadAttention(X, { heads: 2, WQ: W, WK: W, WV: W, WO, mask: "causal" }).heads[1]?.weights[0]).toEqual([
      1, 0,
    ]);
  });

  it("explains a head count that does not divide the width, and a W^O that does not fit", () => {
    const X = [[1, 2, 3]];
    const W = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    expect(() => multiHeadAttention(X, { heads: 2, WQ: W, WK: W, WV: W, WO: W })).toThrow(
      "multiHeadAttention: WQ has 3 columns, which do not split evenly into 2 heads",
    );
    expect(() => multiHeadAttention(X, { heads: 1, WQ: W, WK: W, WV: W, WO: [[1, 2]] })).toThrow(
      "WO has 1 rows but the concatenated heads are 3 wide (the columns of WV); WO needs one row per column",
    );
    expect(() => multiHeadAttention([[1, 2]], { heads: 1, WQ: W, WK: W, WV: W, WO: W })).toThrow(
      "X·WQ: (1×2)·(3×3) — inner dimensions 2 and 3 differ; WQ needs one row per feature of X",
    );
    expect(() => multiHeadAttention(X, { heads: 0, WQ: W, WK: W, WV: W, WO: W })).toThrow(
      "heads must be a whole number ≥ 1, got 0",
    );
  });
});

import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { matrixOf } from "../../test/arbitraries.ts";
import { matmul } from "../index.ts";
import { compileKernel } from "./build-wasm.ts";
import { dotProductsWasm } from "./dot-products-wasm.ts";
import { useWebAssembly, webAssemblyActive } from "./kernel.ts";

afterEach(() => {
  useWebAssembly(true);
});

describe("dot-product kernel", () => {
  it("runs as WebAssembly SIMD in Node", () => {
    expect(webAssemblyActive()).toBe(true);
  });

  it("gives the same bits in WebAssembly and in the JavaScript fallback, for odd and even sizes", () => {
    const dims = fc.tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 9 }),
    );
    fc.assert(
      fc.property(
        dims.chain(([n, k, m]) => fc.tuple(matrixOf(n, k), matrixOf(k, m))),
        ([A, B]) => {
          useWebAssembly(true);
          const fast = matmul(A, B);
          useWebAssembly(false);
          expect(webAssemblyActive()).toBe(false);
          const fallback = matmul(A, B);
          expect(fallback.map((row) => row.map((x) => (Object.is(x, -0) ? "-0" : x)))).toEqual(
            fast.map((row) => row.map((x) => (Object.is(x, -0) ? "-0" : x))),
          );
        },
      ),
    );
  });

  it("keeps working when the matrices outgrow the module's memory", () => {
    const n = 300;
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => ((i * 7 + j * 3) % 11) - 5));
    const I = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    expect(matmul(A, I)).toEqual(A);
  });

  it("is built from dot-products.wat (run `pnpm --filter @llm-basics/math-core wasm` after editing it)", async () => {
    expect(await compileKernel()).toBe(dotProductsWasm);
  });
});

// Agreement with numpy: every case in test/fixtures/numpy/reference.json was computed by
// test/fixtures/numpy/generate.py (re-run with `pnpm --filter @llm-basics/math-core fixtures`),
// independently of this package. Elementwise and matrix operations must agree to 1e-9
// relative, eigen- and singular-value decompositions to 1e-8.
import { describe, expect, it } from "vitest";
import { checkEig, checkEigSymmetric, checkSvd, dot, expectClose } from "../test/numpy-compare.ts";
import {
  type AttentionExpected,
  cases,
  type HeadExpected,
  type Objective,
  RTOL,
  type Vector,
} from "../test/numpy-fixtures.ts";
import {
  add,
  det,
  eig,
  eigSymmetric,
  feedForward,
  gradientDescent,
  inverse,
  layerNorm,
  matmul,
  multiHeadAttention,
  scale,
  scaledDotProductAttention,
  softmax,
  sub,
  svd,
  trace,
  transpose,
} from "./index.ts";

/** Undefined when every option is absent, so those cases call the function without options (its defaults). */
function optionsOf<T extends object>(options: T): T | undefined {
  return Object.values(options).some((v) => v !== undefined) ? options : undefined;
}

// ---------------------------------------------------------------------------------------------
// Our functions against numpy

describe("fixtures", () => {
  it("cover every operation", () => {
    for (const [operation, group] of Object.entries(cases)) {
      expect(group.length, operation).toBeGreaterThan(0);
    }
  });
});

describe("add", () => {
  for (const c of cases.add) {
    it(c.name, () => expectClose(`add ${c.name}`, add(c.a, c.b), c.expected, RTOL));
  }
});

describe("sub", () => {
  for (const c of cases.sub) {
    it(c.name, () => expectClose(`sub ${c.name}`, sub(c.a, c.b), c.expected, RTOL));
  }
});

describe("scale", () => {
  for (const c of cases.scale) {
    it(c.name, () => expectClose(`scale ${c.name}`, scale(c.x, c.k), c.expected, RTOL));
  }
});

describe("matmul", () => {
  for (const c of cases.matmul) {
    it(c.name, () => expectClose(`matmul ${c.name}`, matmul(c.a, c.b), c.expected, RTOL));
  }
});

describe("transpose", () => {
  for (const c of cases.transpose) {
    it(c.name, () => expectClose(`transpose ${c.name}`, transpose(c.A), c.expected, RTOL));
  }
});

describe("inverse", () => {
  for (const c of cases.inverse) {
    it(c.name, () => expectClose(`inverse ${c.name}`, inverse(c.A), c.expected, RTOL));
  }
});

describe("det", () => {
  for (const c of cases.det) {
    it(c.name, () => expectClose(`det ${c.name}`, det(c.A), c.expected, RTOL));
  }
});

describe("trace", () => {
  for (const c of cases.trace) {
    it(c.name, () => expectClose(`trace ${c.name}`, trace(c.A), c.expected, RTOL));
  }
});

describe("softmax", () => {
  for (const c of cases.softmax) {
    it(c.name, () => {
      const options = optionsOf({ axis: c.axis, temperature: c.temperature });
      const actual = options === undefined ? softmax(c.x) : softmax(c.x, options);
      expectClose(`softmax ${c.name}`, actual, c.expected, RTOL);
    });
  }
});

function checkAttention(label: string, actual: AttentionExpected, expected: AttentionExpected): void {
  expectClose(`${label} scores`, actual.scores, expected.scores, RTOL);
  expectClose(`${label} weights`, actual.weights, expected.weights, RTOL);
  expectClose(`${label} output`, actual.output, expected.output, RTOL);
}

describe("scaledDotProductAttention", () => {
  for (const c of cases.scaledDotProductAttention) {
    it(c.name, () => {
      const actual =
        c.mask === undefined
          ? scaledDotProductAttention(c.Q, c.K, c.V)
          : scaledDotProductAttention(c.Q, c.K, c.V, { mask: c.mask });
      checkAttention(`scaledDotProductAttention ${c.name}`, actual, c.expected);
    });
  }
});

describe("multiHeadAttention", () => {
  for (const c of cases.multiHeadAttention) {
    it(c.name, () => {
      const label = `multiHeadAttention ${c.name}`;
      const actual = multiHeadAttention(c.X, {
        heads: c.heads,
        WQ: c.WQ,
        WK: c.WK,
        WV: c.WV,
        WO: c.WO,
        ...(c.context === undefined ? {} : { context: c.context }),
        ...(c.mask === undefined ? {} : { mask: c.mask }),
      });
      expect(actual.heads.length, `${label}: number of heads`).toBe(c.expected.heads.length);
      c.expected.heads.forEach((want, i) => {
        const got = actual.heads[i] as HeadExpected;
        for (const key of ["Q", "K", "V"] as const) {
          expectClose(`${label} heads[${i}].${key}`, got[key], want[key], RTOL);
        }
        checkAttention(`${label} heads[${i}]`, got, want);
      });
      expectClose(`${label} output`, actual.output, c.expected.output, RTOL);
    });
  }
});

describe("feedForward", () => {
  for (const c of cases.feedForward) {
    it(c.name, () => {
      const actual =
        c.activation === undefined
          ? feedForward(c.x, c.W1, c.b1, c.W2, c.b2)
          : feedForward(c.x, c.W1, c.b1, c.W2, c.b2, { activation: c.activation });
      expectClose(`feedForward ${c.name}`, actual, c.expected, RTOL);
    });
  }
});

describe("layerNorm", () => {
  for (const c of cases.layerNorm) {
    it(c.name, () => {
      const options = optionsOf({ gamma: c.gamma, beta: c.beta, eps: c.eps });
      const actual = options === undefined ? layerNorm(c.x) : layerNorm(c.x, options);
      expectClose(`layerNorm ${c.name}`, actual, c.expected, RTOL);
    });
  }
});

describe("eigSymmetric", () => {
  for (const c of cases.eigSymmetric) {
    it(c.name, () => checkEigSymmetric(`eigSymmetric ${c.name}`, eigSymmetric(c.A), c.expected));
  }
});

describe("eig", () => {
  for (const c of cases.eig) {
    it(c.name, () => checkEig(`eig ${c.name}`, eig(c.A), c.expected));
  }
});

describe("svd", () => {
  for (const c of cases.svd) {
    it(c.name, () => checkSvd(`svd ${c.name}`, svd(c.A), c.expected));
  }
});

function gradientOf(objective: Objective): (theta: number | Vector) => number | Vector {
  if (objective.kind === "square") {
    const { center } = objective;
    return (theta) => 2 * ((theta as number) - center);
  }
  const { A, b } = objective;
  // ∇(½ θᵀAθ − bᵀθ) = Aθ − b, written out so this test does not lean on matmul.
  return (theta) => A.map((row, i) => dot(row, theta as Vector) - (b[i] ?? Number.NaN));
}

describe("gradientDescent", () => {
  for (const c of cases.gradientDescent) {
    it(c.name, () => {
      const trajectory = gradientDescent(gradientOf(c.objective), c.theta0, { lr: c.lr, steps: c.steps });
      expectClose(`gradientDescent ${c.name} trajectory`, trajectory, c.expected, RTOL);
    });
  }
});

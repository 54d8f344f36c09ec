import {
  createRng,
  type Rng,
  randomDecimalMatrix,
  randomDecimalVector,
  randomIntegerMatrix,
  randomIntegerVector,
  randomInvertibleMatrix,
  randomLogits,
  randomSymmetricMatrix,
} from "@llm-basics/math-core";
import type { Exercise } from "./exercise.ts";
import { EvaluationError, evaluate, type Value } from "./expression/evaluate.ts";
import { authorFunctions, constants } from "./expression/functions.ts";
import type { ParamSpec } from "./spec.ts";

/** The parameters of one variant: drawn in order from the exercise's seeded generator. */
export function drawParams(exercise: Exercise, seed: number): Map<string, Value> {
  const rng = createRng(`${exercise.spec.id ?? "exercise"}#${seed}`);
  const values = new Map<string, Value>(constants);
  for (const { name, spec, expr } of exercise.params) {
    values.set(name, expr ? evaluate(expr, { values, functions: authorFunctions }) : draw(rng, spec));
  }
  return values;
}

function draw(rng: Rng, spec: ParamSpec): Value {
  if ("integer" in spec) return rng.int(spec.integer[0], spec.integer[1]);
  if ("decimal" in spec) {
    return randomDecimalVector(rng, 1, {
      min: spec.decimal[0],
      max: spec.decimal[1],
      decimals: spec.decimals ?? 1,
    })[0] as number;
  }
  if ("vector" in spec) {
    if (spec.decimals !== undefined || spec.range !== undefined) {
      return randomDecimalVector(rng, spec.vector, decimalOptions(spec));
    }
    return randomIntegerVector(rng, spec.vector, integerOptions(spec));
  }
  if ("matrix" in spec) {
    const [r, c] = spec.matrix;
    if (spec.decimals !== undefined || spec.range !== undefined)
      return randomDecimalMatrix(rng, r, c, decimalOptions(spec));
    return randomIntegerMatrix(rng, r, c, integerOptions(spec));
  }
  if ("invertible" in spec) {
    return randomInvertibleMatrix(rng, spec.invertible, {
      ...integerOptions(spec),
      ...(spec.maxCondition === undefined ? {} : { maxCondition: spec.maxCondition }),
      ...(spec.integerInverse === undefined ? {} : { integerInverse: spec.integerInverse }),
    });
  }
  if ("symmetric" in spec) {
    return randomSymmetricMatrix(rng, spec.symmetric, {
      ...integerOptions(spec),
      ...(spec.minEigenvalueGap === undefined ? {} : { minEigenvalueGap: spec.minEigenvalueGap }),
      ...(spec.integerEigenvalues === undefined ? {} : { integerEigenvalues: spec.integerEigenvalues }),
    });
  }
  if ("logits" in spec) {
    return randomLogits(rng, spec.logits, {
      ...(spec.range === undefined ? {} : { min: spec.range[0], max: spec.range[1] }),
      ...(spec.decimals === undefined ? {} : { decimals: spec.decimals }),
      ...(spec.minGap === undefined ? {} : { minGap: spec.minGap }),
    });
  }
  if ("choose" in spec) return rng.pick(spec.choose) as Value;
  if ("value" in spec) return spec.value as Value;
  throw new EvaluationError("bad-param", { zh: "参数无法生成。", en: "This parameter cannot be drawn." }, 0, 0);
}

function integerOptions(spec: { integers?: [number, number] | undefined; nonZero?: boolean | undefined }) {
  return {
    ...(spec.integers === undefined ? {} : { min: spec.integers[0], max: spec.integers[1] }),
    ...(spec.nonZero === undefined ? {} : { nonZero: spec.nonZero }),
  };
}

function decimalOptions(spec: { decimals?: number | undefined; range?: [number, number] | undefined }) {
  return {
    decimals: spec.decimals ?? 1,
    ...(spec.range === undefined ? {} : { min: spec.range[0], max: spec.range[1] }),
  };
}

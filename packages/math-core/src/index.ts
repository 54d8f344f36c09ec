export { erf, erfc, type GeluOptions, gelu, relu } from "./activations.ts";
export {
  type AttentionHead,
  type AttentionMask,
  type AttentionOptions,
  type AttentionResult,
  type MultiHeadAttentionOptions,
  type MultiHeadAttentionResult,
  multiHeadAttention,
  scaledDotProductAttention,
} from "./attention.ts";
export { type Complex, eig, eigSymmetric, type GeneralEigen, type SymmetricEigen } from "./eigen.ts";
export {
  ConvergenceError,
  InvalidArgumentError,
  MathCoreError,
  type MathCoreErrorCode,
  NonFiniteError,
  type Shape,
  ShapeError,
  SingularMatrixError,
} from "./errors.ts";
export { type FeedForwardOptions, feedForward } from "./feed-forward.ts";
export { type GradientDescentOptions, gradientDescent } from "./gradient-descent.ts";
export { type LayerNormOptions, layerNorm } from "./layer-norm.ts";
export {
  add,
  det,
  dot,
  hadamard,
  identity,
  inverse,
  isDiagonal,
  isIdentity,
  isOrthogonal,
  isSymmetric,
  matmul,
  norm,
  scale,
  sub,
  trace,
  transpose,
  zeros,
} from "./matrix.ts";
export {
  createRng,
  type DecimalOptions,
  type IntegerOptions,
  type InvertibleOptions,
  type LogitOptions,
  type Rng,
  randomDecimalMatrix,
  randomDecimalVector,
  randomIntegerMatrix,
  randomIntegerVector,
  randomInvertibleMatrix,
  randomLogits,
  randomSymmetricMatrix,
  type SymmetricOptions,
} from "./random.ts";
export { rank } from "./rank.ts";
export { type SoftmaxOptions, softmax } from "./softmax.ts";
export { type SingularValueDecomposition, svd } from "./svd.ts";
export { formatShape, type Matrix, shapeOf, type Tensor, type Vector } from "./tensor.ts";

import { softmax } from "@llm-basics/math-core";

/** What the softmax widget draws for logits x at temperature T. */
export interface SoftmaxPicture {
  /** softmax(x / T), by math-core: the bars' heights. */
  probabilities: number[];
  /** x / T: the scores softmax sees. */
  scaled: number[];
  /** The index of the largest probability (the first, on a tie). */
  top: number;
  /** Shannon entropy in bits: 0 when one bar takes all, log2(n) when all are equal. */
  entropyBits: number;
}

/** The temperatures the slider offers: 0.1 to 5, finer where softmax changes fastest. */
export const TEMPERATURE_STEPS: readonly number[] = [
  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5,
];

/** The slider position closest to a temperature. */
export function stepOf(temperature: number): number {
  let best = 0;
  TEMPERATURE_STEPS.forEach((t, i) => {
    if (Math.abs(t - temperature) < Math.abs((TEMPERATURE_STEPS[best] as number) - temperature)) best = i;
  });
  return best;
}

export function softmaxPicture(logits: readonly number[], temperature: number): SoftmaxPicture {
  const probabilities = softmax([...logits], { temperature });
  let top = 0;
  probabilities.forEach((p, i) => {
    if (p > (probabilities[top] as number)) top = i;
  });
  const entropyBits = -probabilities.reduce((sum, p) => (p > 0 ? sum + p * Math.log2(p) : sum), 0);
  return { probabilities, scaled: logits.map((x) => x / temperature), top, entropyBits };
}

"use client";

import type { ExerciseText } from "@/lib/exercises/exercise-text";
import { AnswerText, type KeypadKey } from "./answer-text";

/**
 * A tensor's shape, typed as the sizes of its axes (`[2, 8, 10, 64]`, `2×8×10×64`), previewed
 * as `2 × 8 × 10 × 64` the way the grader reads it, with a keypad for × and brackets.
 */
export function AnswerShape({
  id,
  value,
  label,
  invalid,
  text,
  onChange,
}: {
  id: string;
  value: string;
  label: string;
  invalid: boolean;
  text: ExerciseText;
  onChange: (value: string) => void;
}) {
  const keys: KeypadKey[] = [
    { label: "×", name: text.keys.times, before: "×" },
    { label: "[ ]", name: text.keys.brackets, before: "[", after: "]" },
  ];
  return (
    <>
      <span id={`${id}-label`} className="answer-label">
        {label}
      </span>
      <AnswerText
        id={id}
        type="shape"
        keys={keys}
        value={value}
        labelledBy={`${id}-label`}
        describedBy={`${id}-help`}
        invalid={invalid}
        text={text}
        onChange={onChange}
      />
      <p id={`${id}-help`} className="answer-help">
        {text.shapeHelp}
      </p>
    </>
  );
}

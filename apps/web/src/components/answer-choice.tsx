"use client";

import type { ExerciseText } from "@/lib/exercises/exercise-text";

/** Options to choose from: radio buttons, or checkboxes when several may be right. */
export function AnswerChoice({
  name,
  optionsHtml,
  multiple,
  chosen,
  legend,
  text,
  onChange,
}: {
  name: string;
  optionsHtml: string[];
  multiple: boolean;
  chosen: number[];
  legend?: string;
  text: ExerciseText;
  onChange: (chosen: number[]) => void;
}) {
  return (
    <fieldset className="answer-choices">
      <legend className={legend ? undefined : "sr-only"}>
        {legend ?? (multiple ? text.chooseSeveral : text.chooseOne)}
      </legend>
      {optionsHtml.map((html, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: options are identified by their place (A, B, …)
        <label key={i} className="answer-choice">
          <input
            type={multiple ? "checkbox" : "radio"}
            name={name}
            value={String.fromCharCode(65 + i)}
            checked={chosen.includes(i)}
            onChange={(event) => {
              if (!multiple) onChange([i]);
              else onChange(event.target.checked ? [...chosen, i] : chosen.filter((c) => c !== i));
            }}
          />
          <span className="answer-choice-letter" aria-hidden="true">
            {String.fromCharCode(65 + i)}.
          </span>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the option's text rendered by @llm-basics/content (sanitized Markdown, KaTeX) */}
          <span dangerouslySetInnerHTML={{ __html: html }} />
        </label>
      ))}
    </fieldset>
  );
}

/** A yes-or-no answer: two radio buttons. */
export function AnswerBoolean({
  name,
  value,
  legend,
  text,
  onChange,
}: {
  name: string;
  value: "" | "yes" | "no";
  legend?: string;
  text: ExerciseText;
  onChange: (value: "yes" | "no") => void;
}) {
  return (
    <fieldset className="answer-choices answer-boolean">
      <legend className={legend ? undefined : "sr-only"}>{legend ?? text.chooseOne}</legend>
      {(["yes", "no"] as const).map((option) => (
        <label key={option} className="answer-choice">
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          <span>{option === "yes" ? text.yes : text.no}</span>
        </label>
      ))}
    </fieldset>
  );
}

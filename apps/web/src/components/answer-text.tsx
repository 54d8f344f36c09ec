"use client";

import type { AnswerSpec } from "@llm-basics/grading";
import { previewLatex } from "@llm-basics/grading/preview";
import type Katex from "katex";
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import type { ExerciseText } from "@/lib/exercises/exercise-text";

type KatexModule = typeof Katex;
let katexLoaded: KatexModule | undefined;
let katexLoading: Promise<KatexModule> | undefined;

/**
 * KaTeX for the preview, fetched once a learner is about to type (a field is focused or holds an
 * answer): most of the form's code, which a lesson's readers need not evaluate while it loads.
 */
function useKatex(wanted: boolean): KatexModule | undefined {
  const [katex, setKatex] = useState(katexLoaded);
  useEffect(() => {
    if (!wanted || katex) return;
    katexLoading ??= import("katex").then((module) => {
      katexLoaded = module.default;
      return katexLoaded;
    });
    katexLoading.then(setKatex, () => {
      // Offline, say: the preview shows the LaTeX itself, and the next focus asks again.
      katexLoading = undefined;
    });
  }, [wanted, katex]);
  return katex;
}

/** A key of the keypad: its label, its name for screen readers, and what it puts round the selection. */
export interface KeypadKey {
  label: string;
  name: string;
  before: string;
  after?: string;
}

/** The keypad of math answers: the symbols phones make hard to type. */
export function mathKeys(text: ExerciseText): KeypadKey[] {
  return [
    { label: "√", name: text.keys.sqrt, before: "sqrt(", after: ")" },
    { label: "xʸ", name: text.keys.power, before: "^" },
    { label: "a⁄b", name: text.keys.fraction, before: "(", after: ")/()" },
    { label: "π", name: text.keys.pi, before: "π" },
    { label: "( )", name: text.keys.brackets, before: "(", after: ")" },
    { label: "[ ]", name: text.keys.matrix, before: "[", after: "]" },
  ];
}

/**
 * A typed answer (a number, an expression, a set, eigenpairs, an SVD, a matrix with a
 * property), with a live preview of how the grader reads it and a keypad for the symbols
 * phones make hard to type. Enter checks the answer (Ctrl+Enter in a multi-line field).
 */
export function AnswerText({
  id,
  type,
  multiline = false,
  keys,
  value,
  labelledBy,
  describedBy,
  invalid,
  text,
  onChange,
}: {
  id: string;
  type: AnswerSpec["type"];
  /** Answers written on several lines: one eigenpair or one SVD factor per line, matrix rows. */
  multiline?: boolean;
  /** The keypad's keys (default: the math keys). */
  keys?: KeypadKey[];
  value: string;
  labelledBy: string;
  describedBy?: string;
  invalid: boolean;
  text: ExerciseText;
  onChange: (value: string) => void;
}) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const preview = useMemo(() => previewLatex(value, type), [value, type]);
  const [focused, setFocused] = useState(false);
  const katex = useKatex(focused || value !== "");
  const previewHtml = useMemo(
    () =>
      katex && preview.ok && preview.latex !== ""
        ? katex.renderToString(preview.latex, { displayMode: true, throwOnError: false, strict: "ignore" })
        : undefined,
    [katex, preview],
  );

  /** Puts `before` and `after` round the selection and the caret between them. */
  const insert = (before: string, after = ""): void => {
    const input = field.current;
    const start = input?.selectionStart ?? value.length;
    const end = input?.selectionEnd ?? start;
    const selected = value.slice(start, end);
    onChange(value.slice(0, start) + before + selected + after + value.slice(end));
    const caret = start + before.length + selected.length;
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(caret, caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  const common = {
    id,
    ref: field,
    value,
    "aria-labelledby": labelledBy,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    "aria-invalid": invalid ? true : undefined,
    autoComplete: "off",
    autoCapitalize: "off",
    autoCorrect: "off",
    spellCheck: false,
    className: "answer-text-input",
    onFocus: () => setFocused(true),
  } as const;

  const keypad = keys ?? mathKeys(text);

  return (
    <div className="answer-text">
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} onKeyDown={onKeyDown} />
      ) : (
        <input {...common} type="text" enterKeyHint="done" onChange={(e) => onChange(e.target.value)} />
      )}
      <fieldset className="answer-keypad">
        <legend className="sr-only">{text.keypad}</legend>
        {keypad.map((key) => (
          <button
            key={key.name}
            type="button"
            aria-label={key.name}
            title={key.name}
            // Keep the focus (and a phone's keyboard) in the answer field.
            onPointerDown={(event) => event.preventDefault()}
            onClick={() => insert(key.before, key.after)}
          >
            {key.label}
          </button>
        ))}
      </fieldset>
      <div className="answer-preview">
        <span className="answer-preview-label">{text.preview}</span>
        {previewHtml ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's rendering of LaTeX we wrote from the parsed answer
          <div className="answer-preview-math" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        ) : preview.ok && preview.latex !== "" ? (
          // KaTeX is still on its way.
          <code className="answer-preview-source">{preview.latex}</code>
        ) : preview.ok ? (
          <span className="answer-preview-empty">{text.previewEmpty}</span>
        ) : (
          <span className="answer-preview-problem">
            {text.previewProblem}
            {text.locale === "zh" ? "" : " "}
            {preview.problem.message[text.locale]}
          </span>
        )}
      </div>
    </div>
  );
}

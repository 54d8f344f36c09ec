"use client";

import "./exercise-form.css";
import type { AnswerSpec, Locale } from "@llm-basics/grading";
import { previewLatex } from "@llm-basics/grading/preview";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useId, useRef, useState, useTransition } from "react";
import { newVariant } from "@/lib/attempts/actions";
import { postAnswer } from "@/lib/attempts/answer-client";
import type { PageAnswerResult } from "@/lib/attempts/page";
import {
  type CellIndex,
  type CellSpan,
  cellAt,
  choiceAnswer,
  emptyCells,
  emptyGrid,
  gridAnswer,
} from "@/lib/exercises/answer-form";
import { type ExerciseText, exerciseText } from "@/lib/exercises/exercise-text";
import type { LearnerPartVerdict, LearnerVerdict } from "@/lib/exercises/learner-verdict";
import { announceProgressChange } from "@/lib/progress/events";
import { AnswerBoolean, AnswerChoice } from "./answer-choice";
import { AnswerGrid, type CellMark } from "./answer-grid";
import { AnswerText } from "./answer-text";

/** One answer of an exercise (the only one, or a part), as the form shows its input. */
export interface AnswerField {
  /** The part's id; none for a single-answer exercise. */
  id?: string;
  promptHtml?: string;
  type: AnswerSpec["type"];
  shape?: [number] | [number, number];
  optionsHtml?: string[];
  multiple?: boolean;
  variables?: string[];
  noun?: string;
}

type FieldValue =
  | { kind: "grid"; cells: string[][]; vector: boolean }
  | { kind: "text"; text: string }
  | { kind: "choice"; chosen: number[] }
  | { kind: "boolean"; value: "" | "yes" | "no" };

/** What the learner sent for one field: the text graded, and where a grid's cells went in it. */
interface Sent {
  answer: string;
  spans?: CellSpan[];
}

/** The last verdict, with what was sent: its marks stay on the inputs until the next one. */
interface Graded {
  verdict: LearnerVerdict;
  sent: Sent[];
}

/** What the live region says about the latest thing that happened. */
type Feedback =
  | { kind: "graded"; verdict: LearnerVerdict; sent: Sent[]; newHint: boolean; solutionNow: boolean }
  | { kind: "note"; message: string; problemAt?: { field: number; cell?: CellIndex } }
  | { kind: "variant" };

interface FormState {
  seed: number;
  values: FieldValue[];
  feedback: Feedback | undefined;
  graded: Graded | undefined;
  /** Cells edited since the last verdict: their marks no longer apply. */
  edited: Set<string>;
  attempts: number;
  solved: boolean;
  hintsHtml: string[];
  solutionHtml: string | undefined;
}

interface ExerciseFormProps {
  exerciseId: string;
  seed: number;
  locale: Locale;
  fields: AnswerField[];
  attempts: number;
  solved: boolean;
  hasSolution: boolean;
  solutionAfter: number;
  hintsHtml: string[];
  solutionHtml?: string;
}

function initialValue(field: AnswerField): FieldValue {
  if ((field.type === "vector" || field.type === "matrix") && field.shape) {
    return { kind: "grid", cells: emptyGrid(field.shape), vector: field.shape.length === 1 };
  }
  if (field.type === "choice") return { kind: "choice", chosen: [] };
  if (field.type === "boolean") return { kind: "boolean", value: "" };
  return { kind: "text", text: "" };
}

function initialState(props: ExerciseFormProps, feedback?: Feedback): FormState {
  return {
    seed: props.seed,
    values: props.fields.map(initialValue),
    feedback,
    graded: undefined,
    edited: new Set(),
    attempts: props.attempts,
    solved: props.solved,
    hintsHtml: props.hintsHtml,
    solutionHtml: props.solutionHtml,
  };
}

/**
 * The answer form of one exercise: inputs by answer type, one submit, feedback announced in a
 * live region, hints and the solution as they become due, and "new variant". The server keeps
 * the right answer; this only ever sees verdicts.
 */
export function ExerciseForm(props: ExerciseFormProps) {
  const { exerciseId, seed, locale, fields } = props;
  const text = exerciseText(locale);
  const router = useRouter();
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState(() => initialState(props));
  // A new variant arrives as new props after the refresh: start over with its empty inputs.
  if (state.seed !== seed) setState(initialState(props, { kind: "variant" }));

  const multiPart = fields.length > 1 || fields[0]?.id !== undefined;
  const fieldId = (i: number) => `${uid}-field-${i}`;
  const verdictOf = (i: number): LearnerVerdict | LearnerPartVerdict | undefined => {
    if (!state.graded) return undefined;
    const verdict = state.graded.verdict;
    return multiPart ? verdict.parts?.find((p) => p.id === fields[i]?.id) : verdict;
  };

  const setValue = (i: number, value: FieldValue, editedCells: CellIndex[] = []): void => {
    setState((s) => {
      const values = [...s.values];
      values[i] = value;
      const edited = new Set(s.edited);
      for (const [r, c] of editedCells) edited.add(`${i}:${r}:${c}`);
      return { ...s, values, edited };
    });
  };

  const focusField = (i: number, cell?: CellIndex): void => {
    const root = form.current;
    const selector = cell
      ? `#${CSS.escape(fieldId(i))} [data-cell="${cell[0]}:${cell[1]}"]`
      : `#${CSS.escape(fieldId(i))}`;
    const target =
      root?.querySelector<HTMLElement>(selector) ??
      root?.querySelector<HTMLElement>(`#${CSS.escape(fieldId(i))} input`);
    target?.focus();
  };

  /** Problems the browser can see before sending: empty inputs and cells that do not read as a number. */
  const localProblem = (): { message: string; field: number; cell?: CellIndex } | undefined => {
    for (const [i, value] of state.values.entries()) {
      const where = (cell: CellIndex) =>
        value.kind === "grid" && value.vector ? text.entry(cell[1] + 1) : text.cell(cell[0] + 1, cell[1] + 1);
      const prefix = multiPart ? `${text.part(i + 1)}，` : "";
      if (value.kind === "grid") {
        const empty = emptyCells(value.cells);
        if (empty.length > 0) {
          return {
            message: prefix + text.emptyCells(empty.map(where).join(locale === "zh" ? "；" : "; ")),
            field: i,
            cell: empty[0] as CellIndex,
          };
        }
        for (const [r, row] of value.cells.entries()) {
          for (const [c, entry] of row.entries()) {
            const read = previewLatex(entry, "scalar");
            if (!read.ok) {
              return {
                message: prefix + text.cellProblem(where([r, c]), read.problem.message[locale], entry.trim()),
                field: i,
                cell: [r, c],
              };
            }
          }
        }
      } else if (
        (value.kind === "text" && value.text.trim() === "") ||
        (value.kind === "choice" && value.chosen.length === 0) ||
        (value.kind === "boolean" && value.value === "")
      ) {
        return { message: multiPart ? text.emptyPart(i + 1) : text.emptyAnswer, field: i };
      }
    }
    return undefined;
  };

  const sentOf = (value: FieldValue): Sent => {
    switch (value.kind) {
      case "grid": {
        const { text: answer, spans } = gridAnswer(value.cells, value.vector);
        return { answer, spans };
      }
      case "text":
        return { answer: value.text };
      case "choice":
        return { answer: choiceAnswer(value.chosen) };
      case "boolean":
        return { answer: value.value === "yes" ? "yes" : "no" };
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (pending) return;
    const problem = localProblem();
    if (problem) {
      setState((s) => ({
        ...s,
        feedback: {
          kind: "note",
          message: `${problem.message}${locale === "zh" ? "" : " "}${text.invalidFree}`,
          problemAt: { field: problem.field, ...(problem.cell ? { cell: problem.cell } : {}) },
        },
      }));
      focusField(problem.field, problem.cell);
      return;
    }
    const sent = state.values.map(sentOf);
    const answer = multiPart
      ? Object.fromEntries(fields.map((f, i) => [f.id as string, (sent[i] as Sent).answer]))
      : (sent[0] as Sent).answer;
    startTransition(async () => {
      let result: PageAnswerResult;
      try {
        const posted = await postAnswer({ exerciseId, answer, seed, locale });
        result = posted.result;
        // The first answer made this browser a guest: the page's server parts read it again.
        if (posted.sessionChanged) router.refresh();
      } catch {
        setState((s) => ({ ...s, feedback: { kind: "note", message: text.errors.failed } }));
        return;
      }
      if (!result.ok) {
        // An answer that does not fit the exercise says why; other failures have the form's words.
        const message = result.problem?.[locale] ?? text.errors[result.error];
        setState((s) => ({ ...s, feedback: { kind: "note", message } }));
        return;
      }
      // The header's progress counts graded answers (and the first one makes a guest learner).
      if (result.verdict.status !== "invalid") announceProgressChange();
      setState((s) => ({
        ...s,
        feedback: {
          kind: "graded",
          verdict: result.verdict,
          sent,
          newHint: result.hintsHtml.length > s.hintsHtml.length,
          solutionNow: result.solutionHtml !== undefined && s.solutionHtml === undefined,
        },
        graded: { verdict: result.verdict, sent },
        edited: new Set(),
        attempts: result.attempts,
        solved: result.solved,
        hintsHtml: result.hintsHtml,
        solutionHtml: result.solutionHtml,
      }));
    });
  };

  const onNewVariant = (): void => {
    startTransition(async () => {
      try {
        const result = await newVariant(exerciseId);
        if (!result.ok) {
          setState((s) => ({ ...s, feedback: { kind: "note", message: text.errors[result.error] } }));
          return;
        }
      } catch {
        setState((s) => ({ ...s, feedback: { kind: "note", message: text.errors.failed } }));
        return;
      }
      router.refresh();
    });
  };

  /** Where an unreadable answer went wrong in a field, as a cell (grids) or a span of typed text. */
  const problemIn = (i: number): { cell?: CellIndex; span?: [number, number] } | undefined => {
    const feedback = state.feedback;
    if (feedback?.kind === "note") {
      return feedback.problemAt?.field === i
        ? { ...(feedback.problemAt.cell ? { cell: feedback.problemAt.cell } : {}) }
        : undefined;
    }
    const verdict = verdictOf(i);
    if (feedback?.kind !== "graded" || verdict?.status !== "invalid" || !verdict.problem) return undefined;
    const sent = state.graded?.sent[i];
    if (sent?.spans) {
      const cell = cellAt(sent.spans, verdict.problem.at);
      return cell ? { cell } : {};
    }
    return { span: [verdict.problem.at, verdict.problem.at + verdict.problem.length] };
  };

  /** The grid cell an unreadable answer went wrong in, by name. */
  const cellName = (i: number): string | undefined => {
    const cell = problemIn(i)?.cell;
    const value = state.values[i];
    if (!cell || value?.kind !== "grid") return undefined;
    return value.vector ? text.entry(cell[1] + 1) : text.cell(cell[0] + 1, cell[1] + 1);
  };

  const marksFor = (i: number) => {
    const verdict = verdictOf(i);
    const cells = verdict?.cells;
    return (row: number, column: number): CellMark => {
      if (!cells || state.edited.has(`${i}:${row}:${column}`)) return undefined;
      const ok = Array.isArray(cells[0])
        ? (cells as boolean[][])[row]?.[column]
        : row === 0
          ? (cells as boolean[])[column]
          : undefined;
      return ok === undefined ? undefined : ok ? "right" : "wrong";
    };
  };

  const inputFor = (field: AnswerField, i: number): ReactNode => {
    const value = state.values[i] as FieldValue;
    const labelId = `${fieldId(i)}-label`;
    const problem = problemIn(i);
    switch (value.kind) {
      case "grid": {
        const [rows, columns] = value.vector
          ? [value.cells[0]?.length ?? 0, undefined]
          : [value.cells.length, value.cells[0]?.length];
        return (
          <AnswerGrid
            id={fieldId(i)}
            cells={value.cells}
            vector={value.vector}
            label={`${multiPart ? `${text.part(i + 1)}：` : ""}${text.grid(field.noun, rows, columns)}`}
            describedBy={`${uid}-grid-help`}
            marks={marksFor(i)}
            problemCell={problem?.cell}
            text={text}
            onChange={(cells, edited) => setValue(i, { ...value, cells }, edited)}
          />
        );
      }
      case "text":
        return (
          <>
            <span id={labelId} className="answer-label">
              {multiPart ? `${text.part(i + 1)} · ${text.answer}` : text.answer}
            </span>
            <AnswerText
              id={fieldId(i)}
              type={field.type}
              value={value.text}
              labelledBy={labelId}
              {...(field.variables ? { describedBy: `${fieldId(i)}-help` } : {})}
              invalid={problem !== undefined}
              text={text}
              onChange={(t) => setValue(i, { kind: "text", text: t })}
            />
            {field.variables ? (
              <p id={`${fieldId(i)}-help`} className="answer-help">
                {text.expressionHelp(field.variables)}
              </p>
            ) : null}
          </>
        );
      case "choice":
        return (
          <div id={fieldId(i)}>
            <AnswerChoice
              name={`${uid}-${i}`}
              optionsHtml={field.optionsHtml ?? []}
              multiple={field.multiple === true}
              chosen={value.chosen}
              text={text}
              onChange={(chosen) => setValue(i, { kind: "choice", chosen })}
            />
          </div>
        );
      case "boolean":
        return (
          <div id={fieldId(i)}>
            <AnswerBoolean
              name={`${uid}-${i}`}
              value={value.value}
              text={text}
              onChange={(v) => setValue(i, { kind: "boolean", value: v })}
            />
          </div>
        );
    }
  };

  const hasGrid = state.values.some((v) => v.kind === "grid");
  const hasMultiline = fields.some((f) => f.type === "eigenpairs" || f.type === "svd" || f.type === "property");

  return (
    <div className="exercise-body">
      <form ref={form} className="exercise-form" onSubmit={onSubmit} noValidate aria-busy={pending}>
        {multiPart ? (
          <ol className="exercise-parts">
            {fields.map((field, i) => (
              <li key={field.id ?? i} className="exercise-part">
                <div className="exercise-part-heading">
                  <span className="exercise-part-number">{text.part(i + 1)}</span>
                  {field.promptHtml ? (
                    // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by @llm-basics/content (sanitized Markdown, KaTeX)
                    <span className="exercise-part-prompt" dangerouslySetInnerHTML={{ __html: field.promptHtml }} />
                  ) : null}
                </div>
                {inputFor(field, i)}
                <PartFeedback verdict={verdictOf(i)} sent={state.graded?.sent[i]} cell={cellName(i)} text={text} />
              </li>
            ))}
          </ol>
        ) : (
          fields.map((field, i) => <div key="answer">{inputFor(field, i)}</div>)
        )}
        {hasGrid ? (
          <p id={`${uid}-grid-help`} className="answer-help">
            {text.gridHelp}
          </p>
        ) : null}
        {hasMultiline ? <p className="answer-help">{text.multilineHelp}</p> : null}
        <div className="exercise-actions">
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? text.checking : text.submit}
          </button>
          <button type="button" className="button-secondary" onClick={onNewVariant} disabled={pending}>
            {text.newVariant}
          </button>
        </div>
      </form>
      <div className="exercise-feedback" aria-live="polite">
        <FeedbackView feedback={state.feedback} multiPart={multiPart} cell={cellName(0)} text={text} />
        <p className="exercise-attempts" data-attempts={state.attempts}>
          {state.attempts > 0 ? text.wrongAttempts(state.attempts) : null}
          {state.attempts > 0 && !state.solved && props.hasSolution && state.attempts < props.solutionAfter
            ? ` ${text.solutionIn(props.solutionAfter - state.attempts)}`
            : null}
        </p>
      </div>
      {state.hintsHtml.length > 0 ? (
        <section className="exercise-hints" aria-labelledby={`${uid}-hints`}>
          <h4 id={`${uid}-hints`}>{text.hints}</h4>
          <ol>
            {state.hintsHtml.map((html, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: hints come in a fixed order
              <li key={i}>
                <span className="exercise-hint-label">{text.hint(i + 1)}</span>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by @llm-basics/content (sanitized Markdown, KaTeX) */}
                <div dangerouslySetInnerHTML={{ __html: html }} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {state.solutionHtml ? (
        <section className="exercise-solution" aria-labelledby={`${uid}-solution`}>
          <h4 id={`${uid}-solution`}>{text.solution}</h4>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by @llm-basics/content (sanitized Markdown, KaTeX) */}
          <div dangerouslySetInnerHTML={{ __html: state.solutionHtml }} />
        </section>
      ) : null}
    </div>
  );
}

/** "不正确。" says nothing the status line "不正确" does not: shown once. */
function sameWords(message: string, status: string): boolean {
  return message.replace(/[。.！!]+$/u, "") === status;
}

const ICONS = { correct: "✓", partial: "◐", incorrect: "✗", invalid: "?" } as const;

function StatusLine({ verdict, text }: { verdict: LearnerVerdict | LearnerPartVerdict; text: ExerciseText }) {
  return (
    <p className={`exercise-verdict verdict-${verdict.status}`}>
      <span className="verdict-icon" aria-hidden="true">
        {ICONS[verdict.status]}
      </span>
      <strong>{text.status[verdict.status]}</strong>
      {verdict.status === "invalid" ? null : (
        <span className="verdict-score">{text.score(Math.round(verdict.score * 100))}</span>
      )}
    </p>
  );
}

/** The learner's text with the part the grader could not read marked. */
function TypedText({ answer, span }: { answer: string; span: [number, number] }) {
  const [start, end] = span;
  return (
    <p className="exercise-typed">
      <code>
        {answer.slice(0, start)}
        <mark>{end > start ? answer.slice(start, end) : "\u2009"}</mark>
        {answer.slice(end)}
      </code>
    </p>
  );
}

function VerdictDetails({
  verdict,
  sent,
  cell,
  text,
}: {
  verdict: LearnerVerdict | LearnerPartVerdict;
  sent: Sent | undefined;
  /** The grid cell an unreadable answer went wrong in, named ("row 1, column 2"). */
  cell?: string | undefined;
  text: ExerciseText;
}) {
  const topic = verdict.misconception
    ? (text.topics[verdict.misconception.topic] ?? verdict.misconception.topic)
    : undefined;
  return (
    <>
      {verdict.misconception ? (
        <p className="exercise-misconception">
          <strong>
            {text.misconception}
            {topic && topic !== "exercise" ? (text.locale === "zh" ? `（${topic}）` : ` (${topic})`) : null}
            {text.locale === "zh" ? "：" : ": "}
          </strong>
          {verdict.misconception.message}
        </p>
      ) : verdict.carriedForward ? (
        <p className="exercise-carried">{verdict.message}</p>
      ) : verdict.status === "correct" || sameWords(verdict.message, text.status[verdict.status]) ? null : cell ? (
        // The grader counts characters of the whole [[…]] text, which the learner never saw: name the cell instead,
        // with the problem's own words (which leave the position out).
        <p className="exercise-message">{text.cellProblem(cell, verdict.problem?.message ?? verdict.message)}</p>
      ) : (
        <p className="exercise-message">{verdict.message}</p>
      )}
      {verdict.status === "invalid" && verdict.problem && sent && !sent.spans ? (
        <TypedText answer={sent.answer} span={[verdict.problem.at, verdict.problem.at + verdict.problem.length]} />
      ) : null}
    </>
  );
}

function FeedbackView({
  feedback,
  multiPart,
  cell,
  text,
}: {
  feedback: Feedback | undefined;
  multiPart: boolean;
  cell: string | undefined;
  text: ExerciseText;
}) {
  if (!feedback) return null;
  if (feedback.kind === "variant") return <p className="exercise-note">{text.newVariantDone}</p>;
  if (feedback.kind === "note") return <p className="exercise-note verdict-invalid">{feedback.message}</p>;
  const { verdict } = feedback;
  const invalidPart = multiPart ? (verdict.parts?.findIndex((p) => p.status === "invalid") ?? -1) : -1;
  return (
    <>
      <StatusLine verdict={verdict} text={text} />
      {multiPart ? (
        <>
          <p className="exercise-message">{verdict.message}</p>
          {invalidPart >= 0 ? (
            <p className="exercise-message">
              {text.part(invalidPart + 1)}
              {text.locale === "zh" ? "：" : ": "}
              {verdict.parts?.[invalidPart]?.message}
            </p>
          ) : null}
        </>
      ) : (
        <VerdictDetails verdict={verdict} sent={feedback.sent[0]} cell={cell} text={text} />
      )}
      {verdict.status === "invalid" ? <p className="exercise-note">{text.invalidFree}</p> : null}
      {feedback.newHint ? <p className="exercise-note">{text.newHint}</p> : null}
      {feedback.solutionNow ? <p className="exercise-note">{text.solutionShown}</p> : null}
    </>
  );
}

/** Under each part of a multi-part exercise: how that part was judged. */
function PartFeedback({
  verdict,
  sent,
  cell,
  text,
}: {
  verdict: LearnerVerdict | LearnerPartVerdict | undefined;
  sent: Sent | undefined;
  cell: string | undefined;
  text: ExerciseText;
}) {
  if (!verdict) return null;
  return (
    <div className="exercise-part-feedback">
      <StatusLine verdict={verdict} text={text} />
      <VerdictDetails verdict={verdict} sent={sent} cell={cell} text={text} />
    </div>
  );
}

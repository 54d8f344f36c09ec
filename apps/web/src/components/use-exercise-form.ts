"use client";

import type { Locale } from "@llm-basics/grading";
import { previewLatex } from "@llm-basics/grading/preview";
import { type FormEvent, useId, useRef, useState, useTransition } from "react";
import { newVariant } from "@/lib/attempts/actions";
import { postAnswer } from "@/lib/attempts/answer-client";
import type { PageAnswerResult } from "@/lib/attempts/page";
import {
  type CellIndex,
  cellAt,
  emptyCells,
  type FieldValue,
  isBlank,
  type SentAnswer,
  sentAnswer,
} from "@/lib/exercises/answer-form";
import { exerciseText } from "@/lib/exercises/exercise-text";
import type { LearnerVariant } from "@/lib/exercises/learner-exercises";
import { refreshExercises } from "@/lib/exercises/learner-exercises-client";
import type { LearnerPartVerdict, LearnerVerdict } from "@/lib/exercises/learner-verdict";
import { announceProgressChange } from "@/lib/progress/events";
import type { CellMark } from "./answer-grid";
import { answerInputs } from "./answer-inputs";
import type { Feedback } from "./exercise-feedback";

/** The last verdict, with what was sent: its marks stay on the inputs until the next one. */
interface Graded {
  verdict: LearnerVerdict;
  sent: SentAnswer[];
}

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
  /** The variant drawn by the exercise's widget: it comes with the solution. */
  widget: LearnerVariant["widget"];
}

/** The learner's variant as GET /api/my-exercises sends it (its prompt is shown above the form). */
export type ExerciseFormProps = Omit<LearnerVariant, "promptHtml"> & {
  exerciseId: string;
  locale: Locale;
  /** The server moved the learner to a new variant: fetch it (it arrives as new props). */
  onNewVariant: () => void;
};

function initialState(props: ExerciseFormProps, feedback?: Feedback): FormState {
  return {
    seed: props.seed,
    values: props.fields.map((field) => answerInputs[field.type].empty(field)),
    feedback,
    graded: undefined,
    edited: new Set(),
    attempts: props.attempts,
    solved: props.solved,
    hintsHtml: props.hintsHtml,
    solutionHtml: props.solutionHtml,
    widget: props.widget,
  };
}

/**
 * The state and actions of one exercise's form: the inputs' values, checking them before
 * sending, sending, the verdict and where it points, hints and the solution as they come due,
 * and a new variant. The server keeps the right answer; this only ever sees verdicts.
 */
export function useExerciseForm(props: ExerciseFormProps) {
  const { exerciseId, seed, locale, fields } = props;
  const text = exerciseText(locale);
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState(() => initialState(props));
  // A new variant arrives as new props once the island has fetched it: start over with its empty inputs.
  if (state.seed !== seed) setState(initialState(props, { kind: "variant" }));

  const multiPart = fields.length > 1 || fields[0]?.id !== undefined;
  const fieldId = (i: number) => `${uid}-field-${i}`;
  const verdictOf = (i: number): LearnerVerdict | LearnerPartVerdict | undefined => {
    if (!state.graded) return undefined;
    const verdict = state.graded.verdict;
    return multiPart ? verdict.parts?.find((p) => p.id === fields[i]?.id) : verdict;
  };

  const setValue = (i: number, value: FieldValue, editedCells: readonly CellIndex[] = []): void => {
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
      const prefix = multiPart ? `${text.part(i + 1)}，` : "";
      if (value.kind === "grid") {
        const where = (cell: CellIndex) =>
          value.vector ? text.entry(cell[1] + 1) : text.cell(cell[0] + 1, cell[1] + 1);
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
      } else if (isBlank(value)) {
        return { message: multiPart ? text.emptyPart(i + 1) : text.emptyAnswer, field: i };
      }
    }
    return undefined;
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
    const sent = state.values.map(sentAnswer);
    const answer = multiPart
      ? Object.fromEntries(fields.map((f, i) => [f.id as string, (sent[i] as SentAnswer).answer]))
      : (sent[0] as SentAnswer).answer;
    startTransition(async () => {
      let result: PageAnswerResult;
      try {
        const posted = await postAnswer({ exerciseId, answer, seed, locale });
        result = posted.result;
        // The first answer made this browser a guest, maybe with another learner id: the page's
        // exercises ask for their variants again.
        if (posted.sessionChanged) refreshExercises();
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
        widget: result.widget,
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
      props.onNewVariant();
    });
  };

  /** Where an unreadable answer went wrong in a field: a grid cell, or a span of the typed text (the verdict's `problem`). */
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

  /** How each cell of field `i` was judged by the last verdict, unless edited since. */
  const marksFor = (i: number) => {
    const cells = verdictOf(i)?.cells;
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

  return {
    text,
    uid,
    form,
    pending,
    state,
    multiPart,
    fieldId,
    verdictOf,
    setValue,
    problemIn,
    cellName,
    marksFor,
    onSubmit,
    onNewVariant,
  };
}

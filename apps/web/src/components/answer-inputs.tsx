"use client";

import type { AnswerTypeName } from "@llm-basics/grading";
import type { ReactNode } from "react";
import { type AnswerField, type CellIndex, emptyGrid, type FieldValue } from "@/lib/exercises/answer-form";

export type { AnswerField };

import type { ExerciseText } from "@/lib/exercises/exercise-text";
import { AnswerBoolean, AnswerChoice } from "./answer-choice";
import { AnswerGrid, type CellMark } from "./answer-grid";
import { AnswerShape } from "./answer-shape";
import { AnswerText } from "./answer-text";

// The input of each kind of answer, in one table (the grader's registry is
// packages/grading/src/answer-types/registry.ts). A new kind of answer adds its line here.

/** What every input gets from the form. */
export interface AnswerInputProps<V extends FieldValue = FieldValue> {
  field: AnswerField;
  value: V;
  /** The input's element id (the form focuses it, or a cell inside it). */
  id: string;
  /** "第 2 部分" in a multi-part exercise, for labels. */
  partLabel: string | undefined;
  /** Where an unreadable answer went wrong in this input. */
  problem: { cell?: CellIndex; span?: [number, number] } | undefined;
  /** How each cell was judged, once graded (grids). */
  marks: (row: number, column: number) => CellMark;
  /** The id of the form's help text for grids. */
  gridHelpId: string;
  text: ExerciseText;
  onChange: (value: V, editedCells?: CellIndex[]) => void;
}

/** How the form shows one kind of answer. */
export interface AnswerInput {
  /** The value a new variant starts with. */
  empty(field: AnswerField): FieldValue;
  render(props: AnswerInputProps): ReactNode;
  /** Whether the answer is typed on several lines (the form then says Ctrl+Enter submits). */
  multiline?: boolean;
}

function TypedAnswer({ multiline = false, ...props }: AnswerInputProps & { multiline?: boolean }) {
  const { field, value, id, partLabel, problem, text, onChange } = props;
  if (value.kind !== "text") return null;
  const labelId = `${id}-label`;
  return (
    <>
      <span id={labelId} className="answer-label">
        {partLabel ? `${partLabel} · ${text.answer}` : text.answer}
      </span>
      <AnswerText
        id={id}
        type={field.type}
        multiline={multiline}
        value={value.text}
        labelledBy={labelId}
        {...(field.variables ? { describedBy: `${id}-help` } : {})}
        invalid={problem !== undefined}
        text={text}
        onChange={(t) => onChange({ kind: "text", text: t })}
      />
      {field.variables ? (
        <p id={`${id}-help`} className="answer-help">
          {text.expressionHelp(field.variables)}
        </p>
      ) : null}
    </>
  );
}

const typed: AnswerInput = {
  empty: () => ({ kind: "text", text: "" }),
  render: (props) => <TypedAnswer {...props} />,
};

const typedOnLines: AnswerInput = {
  empty: () => ({ kind: "text", text: "" }),
  render: (props) => <TypedAnswer {...props} multiline />,
  multiline: true,
};

const grid: AnswerInput = {
  // Without a known shape (an expected value that could not be computed), the answer is typed.
  empty: (field) =>
    field.shape
      ? { kind: "grid", cells: emptyGrid(field.shape), vector: field.shape.length === 1 }
      : typed.empty(field),
  render: (props) => {
    const { field, value, id, partLabel, problem, marks, gridHelpId, text, onChange } = props;
    if (value.kind !== "grid") return typed.render(props);
    const [rows, columns] = value.vector
      ? [value.cells[0]?.length ?? 0, undefined]
      : [value.cells.length, value.cells[0]?.length];
    return (
      <AnswerGrid
        id={id}
        cells={value.cells}
        vector={value.vector}
        label={`${partLabel ? `${partLabel}：` : ""}${text.grid(field.noun, rows, columns)}`}
        describedBy={gridHelpId}
        marks={marks}
        problemCell={problem?.cell}
        text={text}
        onChange={(cells, edited) => onChange({ ...value, cells }, edited)}
      />
    );
  },
};

const choice: AnswerInput = {
  empty: () => ({ kind: "choice", chosen: [] }),
  render: ({ field, value, id, text, onChange }) =>
    value.kind === "choice" ? (
      <div id={id}>
        <AnswerChoice
          name={id}
          optionsHtml={field.optionsHtml ?? []}
          multiple={field.multiple === true}
          chosen={value.chosen}
          text={text}
          onChange={(chosen) => onChange({ kind: "choice", chosen })}
        />
      </div>
    ) : null,
};

const yesNo: AnswerInput = {
  empty: () => ({ kind: "boolean", value: "" }),
  render: ({ value, id, text, onChange }) =>
    value.kind === "boolean" ? (
      <div id={id}>
        <AnswerBoolean
          name={id}
          value={value.value}
          text={text}
          onChange={(v) => onChange({ kind: "boolean", value: v })}
        />
      </div>
    ) : null,
};

const shape: AnswerInput = {
  empty: () => ({ kind: "text", text: "" }),
  render: ({ value, id, partLabel, problem, text, onChange }) =>
    value.kind === "text" ? (
      <AnswerShape
        id={id}
        value={value.text}
        label={partLabel ? `${partLabel} · ${text.shapeAnswer}` : text.shapeAnswer}
        invalid={problem !== undefined}
        text={text}
        onChange={(t) => onChange({ kind: "text", text: t })}
      />
    ) : null,
};

/** The input of every answer type. */
export const answerInputs: Record<AnswerTypeName, AnswerInput> = {
  scalar: typed,
  vector: grid,
  matrix: grid,
  boolean: yesNo,
  choice,
  expression: typed,
  set: typed,
  eigenpairs: typedOnLines,
  svd: typedOnLines,
  property: typedOnLines,
  shape,
};

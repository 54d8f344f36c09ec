"use client";

import "./exercise-form.css";
import type { ReactNode } from "react";
import { type AnswerField, answerInputs } from "./answer-inputs";
import { FeedbackView, PartFeedback } from "./exercise-feedback";
import { type ExerciseFormProps, useExerciseForm } from "./use-exercise-form";
import { WidgetIsland } from "./widget-island";

/**
 * The answer form of one exercise: an input per answer (by answer type, from answer-inputs),
 * one submit, feedback announced in a live region, hints and the solution as they become due,
 * and "new variant". State and actions are in useExerciseForm.
 */
export function ExerciseForm(props: ExerciseFormProps) {
  const { fields } = props;
  const exercise = useExerciseForm(props);
  const { text, uid, state, pending, multiPart } = exercise;

  const inputFor = (field: AnswerField, i: number): ReactNode =>
    answerInputs[field.type].render({
      field,
      value: state.values[i] as NonNullable<(typeof state.values)[number]>,
      id: exercise.fieldId(i),
      partLabel: multiPart ? text.part(i + 1) : undefined,
      problem: exercise.problemIn(i),
      marks: exercise.marksFor(i),
      gridHelpId: `${uid}-grid-help`,
      text,
      onChange: (value, edited) => exercise.setValue(i, value, edited),
    });

  const hasGrid = state.values.some((v) => v.kind === "grid");
  const hasMultiline = fields.some((f) => answerInputs[f.type].multiline === true);

  return (
    <div className="exercise-body">
      <form ref={exercise.form} className="exercise-form" onSubmit={exercise.onSubmit} noValidate aria-busy={pending}>
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
                <PartFeedback
                  verdict={exercise.verdictOf(i)}
                  sent={state.graded?.sent[i]}
                  cell={exercise.cellName(i)}
                  text={text}
                />
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
          <button type="button" className="button-secondary" onClick={exercise.onNewVariant} disabled={pending}>
            {text.newVariant}
          </button>
        </div>
      </form>
      <div className="exercise-feedback" aria-live="polite">
        <FeedbackView
          feedback={state.feedback}
          partIds={multiPart ? fields.map((f) => f.id) : undefined}
          cell={exercise.cellName(0)}
          text={text}
        />
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
      {state.widget ? (
        <section className="exercise-widget" aria-labelledby={`${uid}-widget`}>
          <h4 id={`${uid}-widget`}>{text.yourVariantDrawn}</h4>
          <WidgetIsland name={state.widget.name} params={state.widget.params} locale={props.locale} />
        </section>
      ) : null}
    </div>
  );
}

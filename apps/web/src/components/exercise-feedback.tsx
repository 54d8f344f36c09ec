import type { CellIndex, SentAnswer } from "@/lib/exercises/answer-form";
import type { ExerciseText } from "@/lib/exercises/exercise-text";
import type { LearnerPartVerdict, LearnerVerdict } from "@/lib/exercises/learner-verdict";

// What the form says about an answer: the verdict's status and score, the misconception it
// matched, the problem in what was typed (marked in place, or named as a grid cell), and the
// notes around them. Read from the verdict's fields, never from the wording of its message.

/** What the live region says about the latest thing that happened. */
export type Feedback =
  | { kind: "graded"; verdict: LearnerVerdict; sent: SentAnswer[]; newHint: boolean; solutionNow: boolean }
  | { kind: "note"; message: string; problemAt?: { field: number; cell?: CellIndex } }
  | { kind: "variant" };

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
  sent: SentAnswer | undefined;
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

export function FeedbackView({
  feedback,
  partIds,
  cell,
  text,
}: {
  feedback: Feedback | undefined;
  /** The parts' ids in order, for a multi-part exercise. */
  partIds: readonly (string | undefined)[] | undefined;
  cell: string | undefined;
  text: ExerciseText;
}) {
  if (!feedback) return null;
  if (feedback.kind === "variant") return <p className="exercise-note">{text.newVariantDone}</p>;
  if (feedback.kind === "note") return <p className="exercise-note verdict-invalid">{feedback.message}</p>;
  const { verdict } = feedback;
  // The verdict holds only the unreadable parts of an unreadable answer: number them by the form's parts.
  const invalidPart = verdict.parts?.find((p) => p.status === "invalid");
  const invalidNumber = invalidPart ? (partIds?.indexOf(invalidPart.id) ?? -1) + 1 : 0;
  return (
    <>
      <StatusLine verdict={verdict} text={text} />
      {partIds ? (
        <>
          <p className="exercise-message">{verdict.message}</p>
          {invalidPart && invalidNumber > 0 ? (
            <p className="exercise-message">
              {text.part(invalidNumber)}
              {text.locale === "zh" ? "：" : ": "}
              {invalidPart.message}
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
export function PartFeedback({
  verdict,
  sent,
  cell,
  text,
}: {
  verdict: LearnerVerdict | LearnerPartVerdict | undefined;
  sent: SentAnswer | undefined;
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

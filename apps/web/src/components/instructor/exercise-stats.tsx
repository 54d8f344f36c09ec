import { type ExerciseReport, percent } from "@llm-basics/progress/instructor-report";
import type { InstructorText } from "@/lib/instructor/text";

/** One exercise's numbers, its most common wrong answers and the misconceptions learners showed. */
export function ExerciseStatsCard({ exercise, text }: { exercise: ExerciseReport; text: InstructorText }) {
  const headingId = `stats-${exercise.id}`;
  const answered = exercise.attempts > 0;
  return (
    <article className="stat-card" aria-labelledby={headingId} data-exercise-id={exercise.id}>
      <h4 id={headingId} className="stat-title">
        {exercise.href ? <a href={exercise.href}>{exercise.title ?? exercise.id}</a> : (exercise.title ?? exercise.id)}
        {exercise.title ? <code className="stat-id">{exercise.id}</code> : null}
      </h4>
      <dl className="stat-numbers">
        <div>
          <dt>{text.attempts}</dt>
          <dd>{exercise.attempts}</dd>
        </div>
        <div>
          <dt>{text.learners}</dt>
          <dd>{exercise.learners}</dd>
        </div>
        <div>
          <dt>{text.successRate}</dt>
          <dd>{exercise.successRate === null ? "—" : percent(exercise.successRate)}</dd>
        </div>
      </dl>
      {answered ? (
        <>
          <div className="stat-meter" aria-hidden="true">
            <span style={{ width: `${Math.round((exercise.successRate ?? 0) * 100)}%` }} />
          </div>
          <h5>{text.commonWrong}</h5>
          {exercise.wrongAnswers.length > 0 ? (
            <ol className="stat-list stat-wrong">
              {exercise.wrongAnswers.map((w, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two long answers can shorten to the same text
                <li key={i}>
                  <code>{w.text}</code>
                  <span className="stat-count">{text.times(w.count)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="instructor-empty">{text.noWrong}</p>
          )}
          <h5>{text.misconceptions}</h5>
          {exercise.misconceptions.length > 0 ? (
            <ol className="stat-list stat-misconceptions">
              {exercise.misconceptions.map((m) => (
                <li key={m.id}>
                  <span className="stat-misconception">
                    <span className="stat-misconception-message">{m.message ?? text.misconceptionGone}</span>
                    <code>{m.id}</code>
                  </span>
                  <span className="stat-count">{text.times(m.count)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="instructor-empty">{text.noMisconceptions}</p>
          )}
        </>
      ) : (
        <p className="instructor-empty">{text.noAttempts}</p>
      )}
    </article>
  );
}

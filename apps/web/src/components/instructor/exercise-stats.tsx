import { type ExerciseReport, percent } from "@/lib/instructor-report";

/** One exercise's numbers, its most common wrong answers and the misconceptions learners showed. */
export function ExerciseStatsCard({ exercise }: { exercise: ExerciseReport }) {
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
          <dt>作答</dt>
          <dd>{exercise.attempts}</dd>
        </div>
        <div>
          <dt>学习者</dt>
          <dd>{exercise.learners}</dd>
        </div>
        <div>
          <dt>正确率</dt>
          <dd>{exercise.successRate === null ? "—" : percent(exercise.successRate)}</dd>
        </div>
      </dl>
      {answered ? (
        <>
          <div className="stat-meter" aria-hidden="true">
            <span style={{ width: `${Math.round((exercise.successRate ?? 0) * 100)}%` }} />
          </div>
          <h5>最常见的错误答案</h5>
          {exercise.wrongAnswers.length > 0 ? (
            <ol className="stat-list stat-wrong">
              {exercise.wrongAnswers.map((w, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two long answers can shorten to the same text
                <li key={i}>
                  <code>{w.text}</code>
                  <span className="stat-count">{w.count} 次</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="instructor-empty">没有错误答案。</p>
          )}
          <h5>识别出的误解</h5>
          {exercise.misconceptions.length > 0 ? (
            <ol className="stat-list stat-misconceptions">
              {exercise.misconceptions.map((m) => (
                <li key={m.id}>
                  <span className="stat-misconception">
                    <span className="stat-misconception-message">{m.message ?? "（课程中已没有这个误解的说明）"}</span>
                    <code>{m.id}</code>
                  </span>
                  <span className="stat-count">{m.count} 次</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="instructor-empty">错误答案中没有识别出常见误解。</p>
          )}
        </>
      ) : (
        <p className="instructor-empty">还没有人作答。</p>
      )}
    </article>
  );
}

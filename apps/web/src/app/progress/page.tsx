import "./progress.css";
import type { Metadata } from "next";
import Link from "next/link";
import { progressLessons } from "@/lib/course-outline";
import { currentUser } from "@/lib/learner";
import { progressOf } from "@/lib/progress";
import {
  type LessonProgressSummary,
  type LessonStatus,
  type ProgressSummary,
  percent,
  type ShownMisconception,
  type TopicMastery,
  type TopicStatus,
} from "@/lib/progress-summary";
import { getSite } from "@/lib/site";

// The learner's own progress: the session's user and nobody else (the URL names no one).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "学习进度", robots: { index: false } };

const LESSON_STATUS: Record<LessonStatus, string> = {
  "not-started": "未开始",
  visited: "已浏览",
  "in-progress": "进行中",
  completed: "已完成",
};

const TOPIC_STATUS: Record<TopicStatus, string> = {
  "not-started": "未开始",
  practising: "练习中",
  review: "需要巩固",
  mastered: "已掌握",
};

const EMPTY_TEXT =
  "做完第一道练习，这里就会开始记录：每一课学到哪里、得分和作答次数，以及你在各个主题上的掌握情况和容易犯的错误。";

const MASTERY_TEXT =
  "判分时能认出一些常见错误，每种错误属于一个主题（如 Softmax、注意力）。一个主题的掌握度，是能认出这个主题错误的练习中你已解出的比例。下面还列出你犯过的错误和次数；之后又答对了那道题，就算已经纠正。";

/** `/progress/`: each lesson's status, score and attempts, mastery by topic, and where to continue. */
export default async function ProgressPage() {
  const [user, site] = await Promise.all([currentUser(), getSite()]);
  if (!user) {
    const first = progressLessons(site)[0];
    return (
      <main id="main-content" className="progress-page" tabIndex={-1}>
        <h1>学习进度</h1>
        <section className="progress-empty" aria-labelledby="progress-empty-heading">
          <h2 id="progress-empty-heading">还没有学习记录</h2>
          <p>{EMPTY_TEXT}</p>
          {first ? (
            <Link className="progress-continue-link" href={first.url}>
              从第一课开始：{first.title}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : null}
        </section>
      </main>
    );
  }
  const summary = await progressOf(user);
  return (
    <main id="main-content" className="progress-page" tabIndex={-1}>
      <h1>学习进度</h1>
      <ContinueCard summary={summary} />
      <Overview summary={summary} />
      <section aria-labelledby="progress-lessons-heading">
        <h2 id="progress-lessons-heading">各课进度</h2>
        <ol className="progress-lessons">
          {summary.lessons.map((lesson, i) => (
            <LessonRow key={lesson.url} lesson={lesson} number={i + 1} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="progress-topics-heading">
        <h2 id="progress-topics-heading">各主题掌握情况</h2>
        <p className="progress-note">{MASTERY_TEXT}</p>
        {summary.topics.length > 0 ? (
          <ul className="progress-topics">
            {summary.topics.map((topic) => (
              <TopicCard key={topic.topic} topic={topic} />
            ))}
          </ul>
        ) : (
          <p>课程里还没有能按主题统计的练习。</p>
        )}
      </section>
    </main>
  );
}

function ContinueCard({ summary }: { summary: ProgressSummary }) {
  const { continueAt, next } = summary;
  if (!continueAt) return null;
  const resume = continueAt.reason === "resume";
  return (
    <section className="progress-continue" aria-labelledby="progress-continue-heading">
      <h2 id="progress-continue-heading">{resume ? "从上次离开的地方继续" : "从这里开始"}</h2>
      {summary.hasActivity ? null : <p>你还没有做过练习。打开一课、做完第一道练习后，这里会记录你的进度。</p>}
      <Link className="progress-continue-link" href={continueAt.url} data-testid="continue-link">
        {resume ? "继续学习" : "开始学习"}：{continueAt.title}
        <span aria-hidden="true"> →</span>
      </Link>
      {next ? (
        <p className="progress-next">
          这一课已经完成。下一课：<Link href={next.url}>{next.title}</Link>
        </p>
      ) : null}
    </section>
  );
}

function Overview({ summary }: { summary: ProgressSummary }) {
  const lessonsShare = summary.lessonsTotal > 0 ? summary.lessonsCompleted / summary.lessonsTotal : 0;
  const exercisesShare = summary.exercisesTotal > 0 ? summary.exercisesSolved / summary.exercisesTotal : 0;
  return (
    <dl className="progress-overview">
      <div>
        <dt>已完成的课</dt>
        <dd>
          <span className="progress-figure">
            {summary.lessonsCompleted}/{summary.lessonsTotal}
          </span>
          <Bar share={lessonsShare} />
        </dd>
      </div>
      <div>
        <dt>已解出的练习</dt>
        <dd>
          <span className="progress-figure">
            {summary.exercisesSolved}/{summary.exercisesTotal}
          </span>
          <Bar share={exercisesShare} />
        </dd>
      </div>
      <div>
        <dt>作答次数</dt>
        <dd>
          <span className="progress-figure">{summary.attempts}</span>
        </dd>
      </div>
    </dl>
  );
}

function LessonRow({ lesson, number }: { lesson: LessonProgressSummary; number: number }) {
  const headingId = `progress-lesson-${number}`;
  return (
    <li className="progress-lesson" data-status={lesson.status} data-lesson-url={lesson.url}>
      <div className="progress-lesson-head">
        <span className="progress-lesson-number" aria-hidden="true">
          {number}
        </span>
        <h3 id={headingId}>
          <Link href={lesson.url}>{lesson.title}</Link>
        </h3>
        <span className={`progress-status status-${lesson.status}`}>{LESSON_STATUS[lesson.status]}</span>
      </div>
      {lesson.exercisesTotal > 0 ? (
        <dl className="progress-lesson-facts">
          <div>
            <dt>已解出练习</dt>
            <dd className="progress-solved">
              {lesson.exercisesSolved}/{lesson.exercisesTotal}
            </dd>
          </div>
          <div>
            <dt>得分</dt>
            <dd>{percent(lesson.score ?? 0)}</dd>
          </div>
          <div>
            <dt>作答</dt>
            <dd className="progress-attempts" data-attempts={lesson.attempts}>
              {lesson.attempts} 次
            </dd>
          </div>
        </dl>
      ) : (
        <p className="progress-lesson-facts">没有练习：打开读过就算完成。</p>
      )}
      {lesson.exercisesTotal > 0 ? <Bar share={lesson.exercisesSolved / lesson.exercisesTotal} /> : null}
    </li>
  );
}

function TopicCard({ topic }: { topic: TopicMastery }) {
  return (
    <li className="progress-topic" data-topic={topic.topic} data-status={topic.status}>
      <div className="progress-topic-head">
        <h3>{topic.label}</h3>
        <span className={`progress-status status-${topic.status}`}>{TOPIC_STATUS[topic.status]}</span>
      </div>
      {topic.mastery === null ? (
        <p className="progress-topic-share">课程里已没有这个主题的练习。</p>
      ) : (
        <>
          <p className="progress-topic-share">
            掌握度 <strong>{percent(topic.mastery)}</strong>
            {`：相关练习已解出 ${topic.exercisesSolved}/${topic.exercisesTotal}`}
          </p>
          <Bar share={topic.mastery} />
        </>
      )}
      {topic.misconceptions.length > 0 ? (
        <>
          <h4>犯过的错误</h4>
          <ul className="progress-misconceptions">
            {topic.misconceptions.map((m) => (
              <MisconceptionItem key={`${m.exerciseId}/${m.id}`} misconception={m} />
            ))}
          </ul>
        </>
      ) : topic.status === "not-started" ? null : (
        <p className="progress-topic-clean">这个主题还没有出现过常见错误。</p>
      )}
    </li>
  );
}

function MisconceptionItem({ misconception: m }: { misconception: ShownMisconception }) {
  return (
    <li className="progress-misconception" data-misconception={m.id} data-resolved={m.resolved}>
      <p className="progress-misconception-label">{m.label}</p>
      <p className="progress-misconception-facts">
        <span>{m.count} 次</span>
        <span>
          在
          {m.lessonUrl ? (
            <Link href={`${m.lessonUrl}#exercise-${m.exerciseId}`}>「{m.exerciseTitle}」</Link>
          ) : (
            <>「{m.exerciseTitle}」</>
          )}
          中
        </span>
        {m.resolved ? (
          <span className="progress-resolved">
            <span aria-hidden="true">✓ </span>之后已答对
          </span>
        ) : (
          <span className="progress-unresolved">
            <span aria-hidden="true">! </span>还没有答对
          </span>
        )}
      </p>
    </li>
  );
}

/** A share as a thin bar; the number beside it is the accessible text. */
function Bar({ share }: { share: number }) {
  return (
    <span className="progress-bar" aria-hidden="true">
      <span style={{ width: percent(Math.min(1, Math.max(0, share))) }} />
    </span>
  );
}

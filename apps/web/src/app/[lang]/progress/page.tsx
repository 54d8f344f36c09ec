import "./progress.css";
import { progressLessons } from "@llm-basics/progress/outline";
import {
  type LessonProgressSummary,
  type LessonStatus,
  type ProgressSummary,
  percent,
  type ShownMisconception,
  type TopicMastery,
  type TopicStatus,
} from "@llm-basics/progress/summary";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getSite } from "@/lib/course/site";
import { localeParam } from "@/lib/i18n";
import { progressOf } from "@/lib/progress/user-progress";
import { currentUser } from "@/lib/session/learner";

// The learner's own progress: the session's user and nobody else (the URL names no one).
export const dynamic = "force-dynamic";

type Params = Promise<{ lang: string }>;

const TEXT = {
  zh: {
    title: "学习进度",
    lessonStatus: { "not-started": "未开始", visited: "已浏览", "in-progress": "进行中", completed: "已完成" },
    topicStatus: { "not-started": "未开始", practising: "练习中", review: "需要巩固", mastered: "已掌握" },
    empty:
      "做完第一道练习，这里就会开始记录：每一课学到哪里、得分和作答次数，以及你在各个主题上的掌握情况和容易犯的错误。",
    mastery:
      "判分时能认出一些常见错误，每种错误属于一个主题（如 Softmax、注意力）。一个主题的掌握度，是能认出这个主题错误的练习中你已解出的比例。下面还列出你犯过的错误和次数；之后又答对了那道题，就算已经纠正。",
    noRecords: "还没有学习记录",
    startFirst: "从第一课开始：",
    lessonsHeading: "各课进度",
    topicsHeading: "各主题掌握情况",
    noTopics: "课程里还没有能按主题统计的练习。",
    resumeHeading: "从上次离开的地方继续",
    startHeading: "从这里开始",
    noExercisesYet: "你还没有做过练习。打开一课、做完第一道练习后，这里会记录你的进度。",
    resume: "继续学习：",
    start: "开始学习：",
    lessonDone: "这一课已经完成。下一课：",
    lessonsCompleted: "已完成的课",
    exercisesSolved: "已解出的练习",
    attempts: "作答次数",
    solved: "已解出练习",
    score: "得分",
    answered: "作答",
    times: (n: number) => `${n} 次`,
    noExercises: "没有练习：打开读过就算完成。",
    topicGone: "课程里已没有这个主题的练习。",
    masteryLabel: "掌握度 ",
    masteryFacts: (solved: number, total: number) => `：相关练习已解出 ${solved}/${total}`,
    mistakesHeading: "犯过的错误",
    topicClean: "这个主题还没有出现过常见错误。",
    inExercise: (title: ReactNode) => <>在{title}中</>,
    quoted: (title: string) => `「${title}」`,
    resolved: "之后已答对",
    unresolved: "还没有答对",
  },
  en: {
    title: "Progress",
    lessonStatus: {
      "not-started": "Not started",
      visited: "Visited",
      "in-progress": "In progress",
      completed: "Completed",
    },
    topicStatus: {
      "not-started": "Not started",
      practising: "Practising",
      review: "Needs review",
      mastered: "Mastered",
    },
    empty:
      "Once you finish your first exercise, this page starts keeping track: how far you are in each lesson, your score and attempts, and how well you master each topic and which mistakes you tend to make.",
    mastery:
      "The grader recognises some common mistakes, each belonging to a topic (such as softmax or attention). A topic's mastery is the share of the exercises that can show its mistakes that you have solved. Below are the mistakes you made and how often; answering that exercise correctly afterwards counts as fixing it.",
    noRecords: "Nothing recorded yet",
    startFirst: "Start with the first lesson: ",
    lessonsHeading: "Lessons",
    topicsHeading: "Mastery by topic",
    noTopics: "The course has no exercises that count towards a topic yet.",
    resumeHeading: "Continue where you left off",
    startHeading: "Start here",
    noExercisesYet:
      "You have not done an exercise yet. Open a lesson and finish its first exercise, and your progress shows up here.",
    resume: "Continue: ",
    start: "Start: ",
    lessonDone: "This lesson is complete. Next lesson: ",
    lessonsCompleted: "Lessons completed",
    exercisesSolved: "Exercises solved",
    attempts: "Attempts",
    solved: "Exercises solved",
    score: "Score",
    answered: "Attempts",
    times: (n: number) => (n === 1 ? "1 time" : `${n} times`),
    noExercises: "No exercises: reading it completes it.",
    topicGone: "The course no longer has exercises on this topic.",
    masteryLabel: "Mastery ",
    masteryFacts: (solved: number, total: number) => `: ${solved}/${total} related exercises solved`,
    mistakesHeading: "Mistakes made",
    topicClean: "No common mistake on this topic so far.",
    inExercise: (title: ReactNode) => <>in {title}</>,
    quoted: (title: string) => `“${title}”`,
    resolved: "answered correctly since",
    unresolved: "not answered correctly yet",
  },
};

type Text = (typeof TEXT)["zh"];

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: TEXT[localeParam((await params).lang) ?? "zh"].title, robots: { index: false } };
}

/** `/progress/`: each lesson's status, score and attempts, mastery by topic, and where to continue. */
export default async function ProgressPage({ params }: { params: Params }) {
  const locale = localeParam((await params).lang) ?? "zh";
  const text = TEXT[locale];
  const [user, site] = await Promise.all([currentUser(), getSite()]);
  // Progress is kept under each lesson's default-language URL; links go to the learner's language.
  const href = (url: string): string => {
    const page = site.pageAt(url);
    return (page && site.translationsOf(page).get(locale)?.url) ?? url;
  };
  if (!user) {
    const first = progressLessons(site)[0];
    const shown = first ? (site.translationsOf(first).get(locale) ?? first) : undefined;
    return (
      <main id="main-content" className="progress-page" tabIndex={-1}>
        <h1>{text.title}</h1>
        <section className="progress-empty" aria-labelledby="progress-empty-heading">
          <h2 id="progress-empty-heading">{text.noRecords}</h2>
          <p>{text.empty}</p>
          {shown ? (
            <Link className="progress-continue-link" href={shown.url}>
              {text.startFirst}
              {shown.title}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : null}
        </section>
      </main>
    );
  }
  const summary = await progressOf(user, locale);
  return (
    <main id="main-content" className="progress-page" tabIndex={-1}>
      <h1>{text.title}</h1>
      <ContinueCard summary={summary} text={text} href={href} />
      <Overview summary={summary} text={text} />
      <section aria-labelledby="progress-lessons-heading">
        <h2 id="progress-lessons-heading">{text.lessonsHeading}</h2>
        <ol className="progress-lessons">
          {summary.lessons.map((lesson, i) => (
            <LessonRow key={lesson.url} lesson={lesson} number={i + 1} text={text} href={href} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="progress-topics-heading">
        <h2 id="progress-topics-heading">{text.topicsHeading}</h2>
        <p className="progress-note">{text.mastery}</p>
        {summary.topics.length > 0 ? (
          <ul className="progress-topics">
            {summary.topics.map((topic) => (
              <TopicCard key={topic.topic} topic={topic} text={text} href={href} />
            ))}
          </ul>
        ) : (
          <p>{text.noTopics}</p>
        )}
      </section>
    </main>
  );
}

type Href = (url: string) => string;

function ContinueCard({ summary, text, href }: { summary: ProgressSummary; text: Text; href: Href }) {
  const { continueAt, next } = summary;
  if (!continueAt) return null;
  const resume = continueAt.reason === "resume";
  return (
    <section className="progress-continue" aria-labelledby="progress-continue-heading">
      <h2 id="progress-continue-heading">{resume ? text.resumeHeading : text.startHeading}</h2>
      {summary.hasActivity ? null : <p>{text.noExercisesYet}</p>}
      <Link className="progress-continue-link" href={href(continueAt.url)} data-testid="continue-link">
        {resume ? text.resume : text.start}
        {continueAt.title}
        <span aria-hidden="true"> →</span>
      </Link>
      {next ? (
        <p className="progress-next">
          {text.lessonDone}
          <Link href={href(next.url)}>{next.title}</Link>
        </p>
      ) : null}
    </section>
  );
}

function Overview({ summary, text }: { summary: ProgressSummary; text: Text }) {
  const lessonsShare = summary.lessonsTotal > 0 ? summary.lessonsCompleted / summary.lessonsTotal : 0;
  const exercisesShare = summary.exercisesTotal > 0 ? summary.exercisesSolved / summary.exercisesTotal : 0;
  return (
    <dl className="progress-overview">
      <div>
        <dt>{text.lessonsCompleted}</dt>
        <dd>
          <span className="progress-figure">
            {summary.lessonsCompleted}/{summary.lessonsTotal}
          </span>
          <Bar share={lessonsShare} />
        </dd>
      </div>
      <div>
        <dt>{text.exercisesSolved}</dt>
        <dd>
          <span className="progress-figure">
            {summary.exercisesSolved}/{summary.exercisesTotal}
          </span>
          <Bar share={exercisesShare} />
        </dd>
      </div>
      <div>
        <dt>{text.attempts}</dt>
        <dd>
          <span className="progress-figure">{summary.attempts}</span>
        </dd>
      </div>
    </dl>
  );
}

function LessonRow({
  lesson,
  number,
  text,
  href,
}: {
  lesson: LessonProgressSummary;
  number: number;
  text: Text;
  href: Href;
}) {
  const headingId = `progress-lesson-${number}`;
  return (
    <li className="progress-lesson" data-status={lesson.status} data-lesson-url={lesson.url}>
      <div className="progress-lesson-head">
        <span className="progress-lesson-number" aria-hidden="true">
          {number}
        </span>
        <h3 id={headingId}>
          <Link href={href(lesson.url)}>{lesson.title}</Link>
        </h3>
        <span className={`progress-status status-${lesson.status}`}>
          {text.lessonStatus[lesson.status as LessonStatus]}
        </span>
      </div>
      {lesson.exercisesTotal > 0 ? (
        <dl className="progress-lesson-facts">
          <div>
            <dt>{text.solved}</dt>
            <dd className="progress-solved">
              {lesson.exercisesSolved}/{lesson.exercisesTotal}
            </dd>
          </div>
          <div>
            <dt>{text.score}</dt>
            <dd>{percent(lesson.score ?? 0)}</dd>
          </div>
          <div>
            <dt>{text.answered}</dt>
            <dd className="progress-attempts" data-attempts={lesson.attempts}>
              {text.times(lesson.attempts)}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="progress-lesson-facts">{text.noExercises}</p>
      )}
      {lesson.exercisesTotal > 0 ? <Bar share={lesson.exercisesSolved / lesson.exercisesTotal} /> : null}
    </li>
  );
}

function TopicCard({ topic, text, href }: { topic: TopicMastery; text: Text; href: Href }) {
  return (
    <li className="progress-topic" data-topic={topic.topic} data-status={topic.status}>
      <div className="progress-topic-head">
        <h3>{topic.label}</h3>
        <span className={`progress-status status-${topic.status}`}>
          {text.topicStatus[topic.status as TopicStatus]}
        </span>
      </div>
      {topic.mastery === null ? (
        <p className="progress-topic-share">{text.topicGone}</p>
      ) : (
        <>
          <p className="progress-topic-share">
            {text.masteryLabel}
            <strong>{percent(topic.mastery)}</strong>
            {text.masteryFacts(topic.exercisesSolved, topic.exercisesTotal)}
          </p>
          <Bar share={topic.mastery} />
        </>
      )}
      {topic.misconceptions.length > 0 ? (
        <>
          <h4>{text.mistakesHeading}</h4>
          <ul className="progress-misconceptions">
            {topic.misconceptions.map((m) => (
              <MisconceptionItem key={`${m.exerciseId}/${m.id}`} misconception={m} text={text} href={href} />
            ))}
          </ul>
        </>
      ) : topic.status === "not-started" ? null : (
        <p className="progress-topic-clean">{text.topicClean}</p>
      )}
    </li>
  );
}

function MisconceptionItem({
  misconception: m,
  text,
  href,
}: {
  misconception: ShownMisconception;
  text: Text;
  href: Href;
}) {
  return (
    <li className="progress-misconception" data-misconception={m.id} data-resolved={m.resolved}>
      <p className="progress-misconception-label">{m.label}</p>
      <p className="progress-misconception-facts">
        <span>{text.times(m.count)}</span>
        <span>
          {text.inExercise(
            m.lessonUrl ? (
              <Link href={`${href(m.lessonUrl)}#exercise-${m.exerciseId}`}>{text.quoted(m.exerciseTitle)}</Link>
            ) : (
              text.quoted(m.exerciseTitle)
            ),
          )}
        </span>
        {m.resolved ? (
          <span className="progress-resolved">
            <span aria-hidden="true">✓ </span>
            {text.resolved}
          </span>
        ) : (
          <span className="progress-unresolved">
            <span aria-hidden="true">! </span>
            {text.unresolved}
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

// What /progress and the header's indicator say about one learner, computed from the course as
// it is now and the learner's records (packages/db). Pure: no framework, no database, no clock.

/** A misconception an exercise's grading can recognise. */
export interface OutlineMisconception {
  id: string;
  /** What it is about: "attention", "softmax", … (the grader's topic; "exercise" when the author gave none). */
  topic: string;
  /** A short description for the learner: the first sentence of the grader's message. */
  label: string;
}

/** One exercise as progress counts it. */
export interface OutlineExercise {
  id: string;
  title: string;
  /** Every misconception its grading can name (built-in detectors that apply, and the author's own). */
  misconceptions: readonly OutlineMisconception[];
}

/** One lesson as progress counts it: its exercises in page order. */
export interface OutlineLesson {
  url: string;
  title: string;
  exercises: readonly OutlineExercise[];
}

/** The lessons in course order. */
export type CourseOutline = readonly OutlineLesson[];

/** What the database knows about the learner (learnerProgress and misconceptionsByExercise of packages/db). */
export interface ProgressRecords {
  exercises: readonly {
    exerciseId: string;
    attempts: number;
    bestScore: number;
    solved: boolean;
    lastAttemptAt: Date;
  }[];
  lessons: readonly { lessonPath: string; lastVisitedAt: Date }[];
  /**
   * The misconceptions the learner's answers showed, per exercise, and their latest correct
   * answer to it (later than `lastAt`: they got past it).
   */
  misconceptions: readonly {
    exerciseId: string;
    id: string;
    topic: string;
    count: number;
    lastAt: Date;
    lastCorrectAt: Date | null;
  }[];
}

/**
 * Where a learner stands in a lesson. `completed`: every exercise solved (a lesson without
 * exercises: opened); `in-progress`: at least one graded answer; `visited`: opened, nothing
 * answered; `not-started`: neither.
 */
export type LessonStatus = "not-started" | "visited" | "in-progress" | "completed";

export interface LessonProgressSummary {
  url: string;
  title: string;
  status: LessonStatus;
  exercisesTotal: number;
  exercisesSolved: number;
  /** Graded answers over the lesson's exercises. */
  attempts: number;
  /** Mean of the best scores over the lesson's exercises (0 for one not tried), 0–1; null without exercises. */
  score: number | null;
  /** The latest visit or answer, or null. */
  lastActivityAt: Date | null;
}

/** A misconception the learner showed on one exercise. */
export interface ShownMisconception {
  id: string;
  label: string;
  exerciseId: string;
  exerciseTitle: string;
  /** The lesson the exercise is in, or null when the course no longer has the exercise. */
  lessonUrl: string | null;
  count: number;
  lastAt: Date;
  /** The learner answered the exercise correctly after last showing it. */
  resolved: boolean;
}

/**
 * `mastered`: every exercise of the topic solved and every misconception shown since answered
 * correctly; `review`: a misconception not yet answered correctly since; `practising`: started;
 * `not-started`: no answer to any of its exercises.
 */
export type TopicStatus = "not-started" | "practising" | "review" | "mastered";

/**
 * Mastery of one topic. Its exercises are those whose grading can name one of the topic's
 * misconceptions; mastery is the share of them solved.
 */
export interface TopicMastery {
  topic: string;
  label: string;
  status: TopicStatus;
  exercisesTotal: number;
  exercisesSolved: number;
  /** exercisesSolved / exercisesTotal, or null when the course has no exercise for the topic any more. */
  mastery: number | null;
  /** Most frequent first. */
  misconceptions: ShownMisconception[];
}

/** A lesson to go to, and why it is suggested. */
export interface LessonLink {
  url: string;
  title: string;
  /** `resume`: the lesson last opened or answered in; `next`: the first lesson not completed. */
  reason: "resume" | "next";
}

export interface ProgressSummary {
  lessons: LessonProgressSummary[];
  lessonsCompleted: number;
  lessonsTotal: number;
  exercisesSolved: number;
  exercisesTotal: number;
  attempts: number;
  topics: TopicMastery[];
  /** Where to continue: the lesson of the latest visit or answer, else the first lesson not completed. */
  continueAt: LessonLink | null;
  /** When the lesson to continue is completed: the first lesson after it (or at all) that is not. */
  next: LessonLink | null;
  /** Whether the learner has opened or answered anything in the course. */
  hasActivity: boolean;
}

/** Names of the grader's topics (and the course's own) in each language; any other topic is shown as written. */
const TOPIC_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  attention: { zh: "注意力", en: "Attention" },
  "multi-head-attention": { zh: "多头注意力", en: "Multi-head attention" },
  softmax: { zh: "Softmax", en: "Softmax" },
  "layer-norm": { zh: "LayerNorm", en: "LayerNorm" },
  "feed-forward": { zh: "前馈网络", en: "Feed-forward network" },
  "gradient-descent": { zh: "梯度下降", en: "Gradient descent" },
  matrices: { zh: "矩阵运算", en: "Matrix operations" },
  eigenvalues: { zh: "特征值", en: "Eigenvalues" },
  svd: { zh: "奇异值分解", en: "SVD" },
  exercise: { zh: "题目中的其他错误", en: "Other mistakes in exercises" },
};

/** A topic's name for the page: `topicLabel("matrices")` → "矩阵运算", `topicLabel("matrices", "en")` → "Matrix operations". */
export function topicLabel(topic: string, locale: "zh" | "en" = "zh"): string {
  return TOPIC_LABELS[topic]?.[locale] ?? topic;
}

const later = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null || a >= b ? a : b);

/**
 * One learner's progress through the course: each lesson's status, score and attempts, mastery
 * per topic, and where to continue. Records of exercises and lessons the course no longer has
 * are left out of the lessons (their misconceptions still count for their topic).
 */
export function summarizeProgress(
  outline: CourseOutline,
  records: ProgressRecords,
  locale: "zh" | "en" = "zh",
): ProgressSummary {
  const byExercise = new Map(records.exercises.map((e) => [e.exerciseId, e]));
  const visits = new Map(records.lessons.map((l) => [l.lessonPath, l.lastVisitedAt]));

  const lessons = outline.map((lesson): LessonProgressSummary => {
    const rows = lesson.exercises.map((e) => byExercise.get(e.id));
    const exercisesTotal = lesson.exercises.length;
    const exercisesSolved = rows.filter((r) => r?.solved).length;
    const attempts = rows.reduce((sum, r) => sum + (r?.attempts ?? 0), 0);
    const visitedAt = visits.get(lesson.url) ?? null;
    const lastActivityAt = rows.reduce<Date | null>((at, r) => later(at, r?.lastAttemptAt ?? null), visitedAt);
    const status: LessonStatus =
      exercisesTotal > 0
        ? exercisesSolved === exercisesTotal
          ? "completed"
          : attempts > 0
            ? "in-progress"
            : visitedAt
              ? "visited"
              : "not-started"
        : visitedAt
          ? "completed"
          : "not-started";
    return {
      url: lesson.url,
      title: lesson.title,
      status,
      exercisesTotal,
      exercisesSolved,
      attempts,
      score: exercisesTotal > 0 ? rows.reduce((sum, r) => sum + (r?.bestScore ?? 0), 0) / exercisesTotal : null,
      lastActivityAt,
    };
  });

  return {
    lessons,
    lessonsCompleted: lessons.filter((l) => l.status === "completed").length,
    lessonsTotal: lessons.length,
    exercisesSolved: lessons.reduce((sum, l) => sum + l.exercisesSolved, 0),
    exercisesTotal: lessons.reduce((sum, l) => sum + l.exercisesTotal, 0),
    attempts: lessons.reduce((sum, l) => sum + l.attempts, 0),
    topics: topicMastery(outline, records, byExercise, locale),
    ...whereToContinue(lessons),
    hasActivity: lessons.some((l) => l.lastActivityAt !== null),
  };
}

function whereToContinue(lessons: readonly LessonProgressSummary[]): Pick<ProgressSummary, "continueAt" | "next"> {
  const link = (l: LessonProgressSummary | undefined, reason: LessonLink["reason"]): LessonLink | null =>
    l ? { url: l.url, title: l.title, reason } : null;
  // The latest activity; on a tie, the earlier lesson in the course.
  let last: LessonProgressSummary | undefined;
  for (const l of lessons) {
    if (l.lastActivityAt && (!last?.lastActivityAt || l.lastActivityAt > last.lastActivityAt)) last = l;
  }
  const unfinished = (from: number) => lessons.slice(from).find((l) => l.status !== "completed");
  if (!last) return { continueAt: link(unfinished(0) ?? lessons[0], "next"), next: null };
  if (last.status !== "completed") return { continueAt: link(last, "resume"), next: null };
  return {
    continueAt: link(last, "resume"),
    next: link(unfinished(lessons.indexOf(last) + 1) ?? unfinished(0), "next"),
  };
}

function topicMastery(
  outline: CourseOutline,
  records: ProgressRecords,
  byExercise: ReadonlyMap<string, ProgressRecords["exercises"][number]>,
  locale: "zh" | "en",
): TopicMastery[] {
  const exercisesOf = new Map<string, Set<string>>();
  const where = new Map<string, { exercise: OutlineExercise; lessonUrl: string }>();
  for (const lesson of outline) {
    for (const exercise of lesson.exercises) {
      where.set(exercise.id, { exercise, lessonUrl: lesson.url });
      for (const { topic } of exercise.misconceptions) {
        const ids = exercisesOf.get(topic) ?? new Set<string>();
        exercisesOf.set(topic, ids.add(exercise.id));
      }
    }
  }
  const shown = new Map<string, ShownMisconception[]>();
  for (const m of records.misconceptions) {
    const found = where.get(m.exerciseId);
    const list = shown.get(m.topic) ?? [];
    shown.set(m.topic, list);
    list.push({
      id: m.id,
      label: found?.exercise.misconceptions.find((x) => x.id === m.id)?.label ?? m.id,
      exerciseId: m.exerciseId,
      exerciseTitle: found?.exercise.title ?? m.exerciseId,
      lessonUrl: found?.lessonUrl ?? null,
      count: m.count,
      lastAt: m.lastAt,
      resolved: m.lastCorrectAt !== null && m.lastCorrectAt > m.lastAt,
    });
  }
  // Topics in the order the course first meets them; topics only the records know, after.
  const topics = [...exercisesOf.keys(), ...[...shown.keys()].filter((t) => !exercisesOf.has(t))];
  return topics.map((topic): TopicMastery => {
    const ids = [...(exercisesOf.get(topic) ?? [])];
    const solved = ids.filter((id) => byExercise.get(id)?.solved).length;
    const misconceptions = (shown.get(topic) ?? []).sort(
      (a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime(),
    );
    const started = misconceptions.length > 0 || ids.some((id) => (byExercise.get(id)?.attempts ?? 0) > 0);
    const status: TopicStatus = misconceptions.some((m) => !m.resolved)
      ? "review"
      : ids.length > 0 && solved === ids.length
        ? "mastered"
        : started
          ? "practising"
          : "not-started";
    return {
      topic,
      label: topicLabel(topic, locale),
      status,
      exercisesTotal: ids.length,
      exercisesSolved: solved,
      mastery: ids.length > 0 ? solved / ids.length : null,
      misconceptions,
    };
  });
}

/** What the header shows: lessons completed of all, and where to continue. */
export interface ProgressHeadline {
  lessonsCompleted: number;
  lessonsTotal: number;
  exercisesSolved: number;
  exercisesTotal: number;
  continueAt: LessonLink | null;
}

/** What GET /api/progress/summary answers: `learner: false` for a visitor who has never answered. */
export type ProgressSummaryResponse = { learner: false } | ({ learner: true } & ProgressHeadline);

/** The header's few numbers out of a whole summary. */
export function progressHeadline(summary: ProgressSummary): ProgressHeadline {
  return {
    lessonsCompleted: summary.lessonsCompleted,
    lessonsTotal: summary.lessonsTotal,
    exercisesSolved: summary.exercisesSolved,
    exercisesTotal: summary.exercisesTotal,
    continueAt: summary.continueAt,
  };
}

/** A share as a whole percentage for display: `percent(2 / 3)` → "67%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

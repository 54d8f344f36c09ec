import type { Page, Site } from "@llm-basics/content";
import {
  answerTypeMisconceptionsFor,
  type CompiledAnswer,
  type Detector,
  detectorsFor,
  type Exercise,
  type Locale,
} from "@llm-basics/grading";
import type { CourseOutline, OutlineMisconception } from "./summary.ts";

// The course as progress counts it: which pages are lessons, their exercises, and the
// misconceptions each exercise's grading can name (they make mastery by topic).

/** The pages progress counts, in course order: every lesson, and the home page too when it has exercises. */
export function progressLessons(site: Site): Page[] {
  return [...(site.home && site.home.exercises.length > 0 ? [site.home] : []), ...site.lessons];
}

const outlines = { zh: new WeakMap<Site, CourseOutline>(), en: new WeakMap<Site, CourseOutline>() };

/**
 * The course's lessons with their exercises and the misconceptions those can show, with titles
 * and labels in a language; made once per loaded site. A lesson's `url` is always its
 * default-language page's, which progress is recorded under whichever language it is read in.
 */
export function courseOutline(site: Site, locale: Locale = "zh"): CourseOutline {
  let outline = outlines[locale].get(site);
  if (!outline) {
    outline = progressLessons(site).map((page) => {
      const translation = site.translationsOf(page).get(locale);
      return {
        url: page.url,
        title: translation?.title ?? page.title,
        exercises: page.exercises.flatMap((id) => {
          const found = site.exercises.get(id);
          if (!found) return [];
          return [
            {
              id,
              title: textIn(found.exercise.spec.title, locale) ?? id,
              misconceptions: exerciseMisconceptions(found.exercise, locale),
            },
          ];
        }),
      };
    });
    outlines[locale].set(site, outline);
  }
  return outline;
}

type Text = string | { zh: string; en: string };

function textIn(text: Text | undefined, locale: Locale): string | undefined {
  return text === undefined ? undefined : typeof text === "string" ? text : text[locale];
}

/**
 * Every misconception grading an exercise can name: the built-in detectors that apply to one of
 * its answers, then the author's own mistakes (topic "exercise" when the author gave none).
 */
export function exerciseMisconceptions(exercise: Exercise, locale: Locale = "zh"): OutlineMisconception[] {
  const found = new Map<string, OutlineMisconception>();
  for (const answer of exercise.answers) {
    if (answer.expr) {
      for (const detector of detectorsFor(answer.expr, answer.spec.ignoreDetectors)) {
        if (!canShow(detector, answer)) continue;
        found.set(detector.id, {
          id: detector.id,
          topic: detector.topic,
          label: firstSentence(detector.message[locale]),
        });
      }
    }
    // Mistakes the answer type recognises by itself (a shape with heads not split, …).
    for (const m of answerTypeMisconceptionsFor(answer.spec)) {
      found.set(m.id, { id: m.id, topic: m.topic, label: firstSentence(m.message[locale]) });
    }
    for (const mistake of answer.mistakes) {
      const message = textIn(mistake.spec.message, locale) ?? mistake.id;
      found.set(mistake.id, { id: mistake.id, topic: mistake.spec.topic ?? "exercise", label: firstSentence(message) });
    }
  }
  return [...found.values()];
}

/**
 * A detector that only transforms the expected value (the transposed answer) can match a
 * matrix alone; it "applies" to every expression, so without this every scalar exercise would
 * count towards the matrices topic.
 */
function canShow(detector: Detector, answer: CompiledAnswer): boolean {
  const onlyTransforms = detector.transform && !detector.functions && !detector.matrixProduct;
  return !onlyTransforms || answer.spec.type === "matrix";
}

/** The first sentence of a message, for a short label: "你没有把 QKᵀ 除以 √d_k。缩放让……" → "你没有把 QKᵀ 除以 √d_k。" */
export function firstSentence(message: string): string {
  const text = message.trim();
  const end = text.search(/[。！？]|[.!?](\s|$)/);
  const sentence = end === -1 ? text : text.slice(0, end + 1);
  return sentence.length > 80 ? `${sentence.slice(0, 79)}…` : sentence;
}

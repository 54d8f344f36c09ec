"use client";

import type { Locale } from "@llm-basics/grading";
import { lazy, Suspense, startTransition, useCallback, useEffect, useRef, useState } from "react";
import { newVariant } from "@/lib/attempts/actions";
import { exerciseText } from "@/lib/exercises/exercise-text";
import { keepHashTargetInView } from "@/lib/exercises/hash-anchor";
import type { LearnerExercise } from "@/lib/exercises/learner-exercises";
import { EXERCISES_STALE_EVENT, loadLearnerExercise } from "@/lib/exercises/learner-exercises-client";
import { useNearScreen } from "@/lib/ui/near-screen";

// The form (its inputs, the formula preview with KaTeX) is the page's largest script: fetched
// only once a variant is here, it stays off the path to the lesson's first paint.
const ExerciseForm = lazy(() => import("./exercise-form").then((module) => ({ default: module.ExerciseForm })));

type Loaded = { kind: "loading" } | { kind: "failed" } | { kind: "loaded"; exercise: LearnerExercise };

/**
 * One exercise in a lesson. The lesson's HTML is the same for everyone (prerendered and
 * cacheable), so it holds only the exercise's title; the learner's own variant — its prompt,
 * inputs, attempts, hints and solution so far — comes from GET /api/my-exercises as the
 * exercise nears the screen. Without JavaScript the learner reads why there is no form.
 */
export function ExerciseIsland({ id, title, locale }: { id: string; title: string | undefined; locale: Locale }) {
  const text = exerciseText(locale);
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  const [pending, setPending] = useState(false);

  const load = useCallback(() => {
    loadLearnerExercise(id, locale).then(
      // A transition: React renders the page's forms in slices, between which the browser
      // stays responsive (no long task while a lesson's exercises arrive together).
      (exercise) => startTransition(() => setLoaded({ kind: "loaded", exercise })),
      () => setLoaded((now) => (now.kind === "loaded" ? now : { kind: "failed" })),
    );
  }, [id, locale]);

  // The section grows when its variant (and then its form) arrives: a heading below it that the
  // page was opened at stays where the reader was sent.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = section.current;
    if (!element) return;
    const grown = new ResizeObserver(keepHashTargetInView);
    grown.observe(element);
    return () => grown.disconnect();
  }, []);

  // Asked for once the exercise nears the screen (see useNearScreen).
  const near = useNearScreen(section);

  useEffect(() => {
    if (!near) return;
    load();
    // Asked again when the variants shown may be stale: a first answer made the browser a new
    // guest (maybe with another learner id), or `pnpm dev` saw content/ change.
    window.addEventListener(EXERCISES_STALE_EVENT, load);
    return () => window.removeEventListener(EXERCISES_STALE_EVENT, load);
  }, [near, load]);

  const onNewVariant = (): void => {
    setPending(true);
    newVariant(id)
      .catch(() => undefined)
      .finally(() => {
        setPending(false);
        load();
      });
  };

  const headingId = `exercise-${id}`;
  const exercise = loaded.kind === "loaded" ? loaded.exercise : undefined;
  return (
    <section
      ref={section}
      className="exercise"
      aria-labelledby={headingId}
      aria-busy={loaded.kind === "loading"}
      data-exercise-id={id}
      data-seed={exercise && "seed" in exercise ? exercise.seed : undefined}
      data-print-note={text.printNote}
    >
      <h3 id={headingId} className="exercise-title">
        <span className="exercise-label">{text.exercise}</span>
        {title ? <span>{title}</span> : null}
      </h3>
      {loaded.kind === "loading" ? (
        <>
          {/* The root layout's class on <html> shows one of these: js or no-js. */}
          <p className="exercise-loading">{text.loading}</p>
          <p className="exercise-no-script">{text.noScript}</p>
        </>
      ) : loaded.kind === "failed" ? (
        <p role="alert">
          {text.loadFailed}{" "}
          <button type="button" className="button-secondary" onClick={load}>
            {text.retry}
          </button>
        </p>
      ) : exercise?.ok === false ? (
        <>
          <p role="alert">
            {exercise.error === "variant-failed" ? text.variantFailed : text.errors["unknown-exercise"]}
          </p>
          {exercise.error === "variant-failed" ? (
            <button type="button" className="button-secondary" onClick={onNewVariant} disabled={pending}>
              {text.newVariant}
            </button>
          ) : null}
        </>
      ) : exercise ? (
        <>
          {exercise.promptHtml ? (
            // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by @llm-basics/content (sanitized Markdown, KaTeX)
            <div className="exercise-prompt" dangerouslySetInnerHTML={{ __html: exercise.promptHtml }} />
          ) : null}
          <Suspense fallback={<p className="exercise-loading">{text.loading}</p>}>
            <ExerciseForm {...exercise} exerciseId={id} locale={locale} onNewVariant={load} />
          </Suspense>
        </>
      ) : null}
    </section>
  );
}

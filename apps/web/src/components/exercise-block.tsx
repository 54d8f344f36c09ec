import "./exercise-block.css";
import type { AnswerView, ExerciseView, Page, Site } from "@llm-basics/content";
import { freshState, hintsDue, SOLUTION_AFTER_WRONG_ATTEMPTS, solutionDue } from "@llm-basics/progress/learner-state";
import { env } from "@/env";
import { newVariantFromForm } from "@/lib/attempts/actions";
import { exerciseText } from "@/lib/exercises/exercise-text";
import { exerciseRenderer, localeOf } from "@/lib/exercises/renderer";
import { readExerciseState } from "@/lib/session/learner";
import type { AnswerField } from "./answer-inputs";
import { ExerciseForm } from "./exercise-form";

/**
 * One exercise in a lesson, for the learner reading it: their own variant's prompt, the hints
 * and solution already due, and the answer form. It reads the learner's cookies, so a page
 * with an exercise is rendered per request; pages without one stay static.
 */
export async function ExerciseBlock({ id, site, page }: { id: string; site: Site; page: Page }) {
  const exercise = site.exercises.get(id);
  if (!exercise) {
    // The spec did not compile: the author sees why in the page's problem box (development only).
    if (!env.isDev) return null;
    return (
      <div className="exercise-author-error" role="note">
        Exercise <code>{id}</code> is not shown: its spec has errors (listed at the top of this page).
      </div>
    );
  }
  const locale = localeOf(page.lang);
  const text = exerciseText(locale);
  // The proxy gives every page request a visitor id; one that bypassed it still gets numbers.
  const state = (await readExerciseState(id)) ?? freshState("anonymous", id);
  const seed = state.seed;
  const renderer = exerciseRenderer();
  const headingId = `exercise-${id}`;
  let view: ExerciseView;
  let hintsHtml: string[];
  let solutionHtml: string | undefined;
  try {
    view = await renderer.view(exercise, seed, locale);
    hintsHtml = await renderer.hints(exercise, seed, hintsDue(state, view.hintCount), locale);
    solutionHtml = solutionDue(state) ? await renderer.solution(exercise, seed, locale) : undefined;
  } catch (error) {
    // A variant content:check did not try (a division by zero on a rare draw, say): the rest of
    // the lesson still shows, and the learner can move on to another variant.
    console.error(`exercise ${id}, seed ${seed} (${exercise.file}:${exercise.line}):`, error);
    return (
      <section className="exercise" aria-labelledby={headingId} data-exercise-id={id} data-seed={seed}>
        <h3 id={headingId} className="exercise-title">
          <span className="exercise-label">{text.exercise}</span>
        </h3>
        <p role="alert">{text.variantFailed}</p>
        <form action={newVariantFromForm.bind(null, id)}>
          <button type="submit" className="button-secondary">
            {text.newVariant}
          </button>
        </form>
      </section>
    );
  }
  return (
    <section className="exercise" aria-labelledby={headingId} data-exercise-id={id} data-seed={seed}>
      <h3 id={headingId} className="exercise-title">
        <span className="exercise-label">{text.exercise}</span>
        {view.title ? <span>{view.title}</span> : null}
      </h3>
      {view.promptHtml ? (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by @llm-basics/content (sanitized Markdown, KaTeX)
        <div className="exercise-prompt" dangerouslySetInnerHTML={{ __html: view.promptHtml }} />
      ) : null}
      <ExerciseForm
        exerciseId={id}
        seed={seed}
        locale={locale}
        fields={view.answers.map(answerField)}
        attempts={state.a}
        solved={state.s}
        hasSolution={view.hasSolution}
        solutionAfter={SOLUTION_AFTER_WRONG_ATTEMPTS}
        hintsHtml={hintsHtml}
        {...(solutionHtml === undefined ? {} : { solutionHtml })}
      />
    </section>
  );
}

/** What the form needs of one answer: its input, never anything about the right answer. */
function answerField(view: AnswerView): AnswerField {
  const field: AnswerField = { type: view.type };
  if (view.id !== undefined) field.id = view.id;
  if (view.promptHtml) field.promptHtml = view.promptHtml;
  if (view.shape) field.shape = view.shape;
  if (view.options) field.optionsHtml = view.options.map((o) => o.html);
  if (view.multiple) field.multiple = true;
  if (view.variables) field.variables = view.variables;
  if (view.noun) field.noun = view.noun;
  return field;
}

import "server-only";
import type { AnswerView, ExerciseRenderer, ExerciseWidget, Site } from "@llm-basics/content";
import { currentVariants, type Database, type UserView, visitorSeedKey } from "@llm-basics/db";
import type { Locale } from "@llm-basics/grading";
import {
  type ExerciseState,
  freshState,
  hintsDue,
  SOLUTION_AFTER_WRONG_ATTEMPTS,
} from "@llm-basics/progress/learner-state";
import { stateOf } from "@/lib/attempts/variants";
import type { AnswerField } from "./answer-form";
import { dueWithSolution } from "./solution-due";

// A lesson's HTML is the same for every visitor (prerendered, cacheable); each exercise in it
// asks for the learner's own variant from the browser (components/exercise-island.tsx → GET
// /api/my-exercises). This is what that answer holds for one exercise: the variant's prompt
// and inputs, the learner's attempts, and the hints and solution already due — never anything
// about the right answer before the solution is due.

/** The learner's current variant of an exercise, as the page shows it. */
export interface LearnerVariant {
  seed: number;
  promptHtml: string;
  fields: AnswerField[];
  /** Wrong attempts on this variant. */
  attempts: number;
  solved: boolean;
  hasSolution: boolean;
  /** Wrong attempts after which the solution is shown. */
  solutionAfter: number;
  /** The hints due now, as HTML. */
  hintsHtml: string[];
  /** The worked solution, once due. */
  solutionHtml?: string;
  /** The variant drawn by the exercise's widget, once the solution is due. */
  widget?: ExerciseWidget;
}

/** One exercise as one learner sees it now. */
export type LearnerExercise =
  | ({ ok: true } & LearnerVariant)
  /** The variant could not be rendered (a draw content:check did not try); a new one can be asked for. */
  | { ok: false; seed: number; error: "variant-failed" }
  /** No such exercise (a page cached from before a deploy that removed it). */
  | { ok: false; error: "unknown-exercise" };

/** Who is asking: the session's user, else the browser's visitor id. */
export interface Learner {
  user: UserView | null;
  visitorId: string;
}

/** Where a learner is in each exercise: the stored variant, or variant 0 seeded for them. */
async function statesOf(db: Database, learner: Learner, ids: readonly string[]): Promise<Map<string, ExerciseState>> {
  const { user } = learner;
  const stored = user ? await currentVariants(db, user.id, [...ids]) : new Map();
  const seedKey = user ? user.seedKey : visitorSeedKey(learner.visitorId);
  return new Map(
    ids.map((id) => {
      const current = stored.get(id);
      return [id, current ? stateOf(current) : freshState(seedKey, id)];
    }),
  );
}

/** The learner's view of each exercise `ids` names, in `locale`. */
export async function learnerExercises(
  context: { db: Database; site: Site; renderer: ExerciseRenderer },
  learner: Learner,
  ids: readonly string[],
  locale: Locale,
): Promise<Record<string, LearnerExercise>> {
  const { site, renderer } = context;
  const states = await statesOf(context.db, learner, ids);
  const entries = await Promise.all(
    ids.map(async (id): Promise<[string, LearnerExercise]> => {
      const exercise = site.exercises.get(id);
      const state = states.get(id);
      if (!exercise || !state) return [id, { ok: false, error: "unknown-exercise" }];
      const { seed } = state;
      try {
        const view = await renderer.view(exercise, seed, locale);
        const hintsHtml = await renderer.hints(exercise, seed, hintsDue(state, view.hintCount), locale);
        const due = await dueWithSolution(renderer, exercise, state, locale);
        return [
          id,
          {
            ok: true,
            seed,
            promptHtml: view.promptHtml,
            fields: view.answers.map(answerField),
            attempts: state.a,
            solved: state.s,
            hasSolution: view.hasSolution,
            solutionAfter: SOLUTION_AFTER_WRONG_ATTEMPTS,
            hintsHtml,
            ...due,
          },
        ];
      } catch (error) {
        // The rest of the lesson still works, and the learner can move on to another variant.
        console.error(`exercise ${id}, seed ${seed} (${exercise.file}:${exercise.line}):`, error);
        return [id, { ok: false, seed, error: "variant-failed" }];
      }
    }),
  );
  return Object.fromEntries(entries);
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

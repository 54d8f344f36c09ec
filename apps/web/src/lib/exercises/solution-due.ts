import type { CourseExercise, ExerciseRenderer, ExerciseWidget } from "@llm-basics/content";
import type { Locale } from "@llm-basics/grading";
import { type ExerciseState, solutionDue } from "@llm-basics/progress/learner-state";

/** What comes with the solution, once it is due: its HTML, and the variant drawn by the exercise's widget. */
export interface DueWithSolution {
  solutionHtml?: string;
  widget?: ExerciseWidget;
}

/**
 * The worked solution and the widget drawing the learner's variant, for the moment the solution
 * is due (solved, or enough wrong attempts), and nothing before: the page's variants and the
 * answer route both send what this returns. A widget that cannot be drawn for this variant
 * (content:check tries 50) is left out; the rest of the answer still goes.
 */
export async function dueWithSolution(
  renderer: ExerciseRenderer,
  exercise: CourseExercise,
  state: Pick<ExerciseState, "a" | "s" | "seed">,
  locale: Locale,
): Promise<DueWithSolution> {
  if (!solutionDue(state)) return {};
  const due: DueWithSolution = {};
  const solutionHtml = await renderer.solution(exercise, state.seed, locale);
  if (solutionHtml !== undefined) due.solutionHtml = solutionHtml;
  try {
    const widget = renderer.widget(exercise, state.seed);
    if (widget !== undefined) due.widget = widget;
  } catch (error) {
    console.error(
      `exercise ${exercise.id}, seed ${state.seed} (${exercise.file}:${exercise.line}): its widget:`,
      error,
    );
  }
  return due;
}

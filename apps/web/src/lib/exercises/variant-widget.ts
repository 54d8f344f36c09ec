import type { CourseExercise, ExerciseRenderer, ExerciseWidget } from "@llm-basics/content";

/**
 * The widget that draws the learner's variant, for the moment its solution is due (never before:
 * it is drawn from the variant's numbers). undefined when the exercise has none, or when it
 * cannot be drawn for this variant (content:check tries 50; the rest of the answer still goes).
 */
export function variantWidget(
  renderer: ExerciseRenderer,
  exercise: CourseExercise,
  seed: number,
): ExerciseWidget | undefined {
  try {
    return renderer.widget(exercise, seed);
  } catch (error) {
    console.error(`exercise ${exercise.id}, seed ${seed} (${exercise.file}:${exercise.line}): its widget:`, error);
    return undefined;
  }
}

import { compileExerciseYaml, type Exercise } from "@llm-basics/grading";
import type { Diagnostic } from "./diagnostics.ts";
import { type ShortcodeCall, type ShortcodeDefinition, type ShortcodeProblem, slotNode } from "./shortcodes.ts";
import type { WidgetParams } from "./widgets.ts";

/** An exercise of the course, where its author wrote it. */
export interface CourseExercise {
  id: string;
  /** The lesson file (relative to the content directory) and the shortcode's position in it. */
  file: string;
  line: number;
  column: number;
  /** 1-based line where the YAML body starts: YAML line n is file line `bodyLine + n - 1`. */
  bodyLine: number;
  exercise: Exercise;
}

/** An exercise with the page it is on. */
export interface SiteExercise extends CourseExercise {
  pageUrl: string;
  pageTitle: string;
}

/** Adds an exercise to the course's index by id, or reports the id as already taken. */
export function indexExercise(
  index: Map<string, SiteExercise>,
  exercise: CourseExercise,
  page: { url: string; title: string },
  diagnostics: Diagnostic[],
): void {
  const other = index.get(exercise.id);
  if (other) {
    diagnostics.push({
      severity: "error",
      rule: "exercise-id",
      message: `exercise id "${exercise.id}" is already used at ${other.file}:${other.line}; ids are unique across the course`,
      file: exercise.file,
      line: exercise.line,
      column: exercise.column,
    });
    return;
  }
  index.set(exercise.id, { ...exercise, pageUrl: page.url, pageTitle: page.title });
}

/** Exercise ids: what URLs and the API use, so an ASCII letter, then letters, digits, `-` and `_`. */
export const EXERCISE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * The `exercise` shortcode: `{{< exercise id="attention-weights" >}}` + a YAML body in the spec
 * of `@llm-basics/grading` + `{{< /exercise >}}`. The page gets a slot where the exercise
 * goes; each exercise that compiles is handed to `found`. A problem in the YAML is reported at
 * its own line of the file.
 */
export function exerciseShortcode(
  found: (exercise: CourseExercise, file: string) => void,
  placed: (where: { id: string; file: string; line: number; column: number }) => void = () => {},
): ShortcodeDefinition {
  return {
    name: "exercise",
    body: "raw",
    render(call, context) {
      const id = call.named.id ?? call.positional[0];
      if (id === undefined) {
        return {
          kind: "error",
          rule: "exercise-id",
          message: 'an exercise needs an id: {{< exercise id="attention-weights" >}}',
        };
      }
      if (!EXERCISE_ID.test(id)) {
        return {
          kind: "error",
          rule: "exercise-id",
          message: `exercise id "${id}" must start with an ASCII letter, then letters, digits, - and _ (at most 64), like attention-weights`,
        };
      }
      if (call.body === undefined) {
        // `{{< exercise id="…" />}}`: the exercise written elsewhere (a translation shows its original's).
        placed({ id, file: context.file, line: call.line, column: call.column });
        return { kind: "block", node: slotNode("exercise", id) };
      }
      if (call.body.trim() === "") {
        return {
          kind: "error",
          rule: "exercise-spec",
          message: `exercise "${id}" has no body: write its YAML spec between {{< exercise … >}} and {{< /exercise >}}`,
        };
      }
      const bodyLine = call.bodyLine ?? call.line;
      const compiled = compileExerciseYaml(call.body, { id });
      if (!compiled.ok) {
        const problems: ShortcodeProblem[] = compiled.problems.map((p) => ({
          severity: "error",
          rule: "exercise-spec",
          message: `exercise "${id}": ${p.path.length > 0 ? `${p.path.join(".")}: ` : ""}${p.message}`,
          ...bodyPosition(call, p.line, p.column),
        }));
        return { kind: "block", node: slotNode("exercise", id), problems };
      }
      found(
        { id, file: context.file, line: call.line, column: call.column, bodyLine, exercise: compiled.exercise },
        context.file,
      );
      placed({ id, file: context.file, line: call.line, column: call.column });
      return { kind: "block", node: slotNode("exercise", id) };
    },
  };
}

/** Where a line and column of the YAML body are in the file. */
function bodyPosition(call: ShortcodeCall, line?: number, column?: number): { line: number; column: number } {
  if (line === undefined) return { line: call.line, column: call.column };
  const bodyLine = call.bodyLine ?? call.line;
  return { line: bodyLine + line - 1, column: (line === 1 ? (call.bodyColumn ?? 1) - 1 : 0) + (column ?? 1) };
}

/**
 * A lesson's HTML cut at its exercises and widgets:
 * `["<p>…</p>", { exercise: "attention-weights" }, { widget: "softmax", params: {…} }, "…"]`.
 */
export type LessonSegment = string | { exercise: string } | { widget: string; params: WidgetParams };

const SLOT = /<div data-(exercise|widget)="([A-Za-z0-9_%.~*'()!-]+)"><\/div>/g;

/** Splits a page's HTML where its exercises and widgets go, so the app can put each one in its place. */
export function splitAtSlots(html: string): LessonSegment[] {
  const segments: LessonSegment[] = [];
  let last = 0;
  for (const match of html.matchAll(SLOT)) {
    if (match.index > last) segments.push(html.slice(last, match.index));
    const value = match[2] as string;
    if (match[1] === "exercise") segments.push({ exercise: value });
    else {
      const { name, params } = JSON.parse(decodeURIComponent(value)) as { name: string; params: WidgetParams };
      segments.push({ widget: name, params });
    }
    last = match.index + match[0].length;
  }
  if (last < html.length) segments.push(html.slice(last));
  return segments;
}

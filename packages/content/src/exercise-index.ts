import { readFile } from "node:fs/promises";
import path from "node:path";
import { courseOrder, listMarkdownFiles, pageUrl } from "./course-files.ts";
import { type Diagnostic, withoutByteOrderMark } from "./diagnostics.ts";
import { type CourseExercise, exerciseShortcode, indexExercise, type SiteExercise } from "./exercises.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { builtinShortcodes, type ShortcodeDefinition, scanShortcodes } from "./shortcodes.ts";

/** The course's exercises without its pages. */
export interface ExerciseIndex {
  /** Every exercise that compiles, by id, in course order. */
  exercises: ReadonlyMap<string, SiteExercise>;
  /** Problems in front matter and exercise specs, and duplicate ids (other problems are not looked for). */
  diagnostics: Diagnostic[];
}

/**
 * Finds every exercise under `contentDir` without rendering a page: only front matter and
 * shortcodes are read, so it takes milliseconds where `loadSite` renders every formula. It finds
 * the same exercises `loadSite` does; `pageTitle` is the front matter's title (or the file name),
 * since a title taken from the page's first heading would need the Markdown parsed.
 */
export async function loadExercises(options: { contentDir: string; includeDrafts: boolean }): Promise<ExerciseIndex> {
  const files = await listMarkdownFiles(options.contentDir);
  const diagnostics: Diagnostic[] = [];
  const pages = await Promise.all(
    files.map(async (file) => {
      const source = withoutByteOrderMark(await readFile(path.join(options.contentDir, file), "utf8"));
      const frontMatter = parseFrontMatter(source, file);
      return {
        file,
        source,
        frontMatter,
        url: pageUrl(file, frontMatter.data.slug),
        title: frontMatter.data.title ?? path.posix.basename(file, ".md"),
        weight: frontMatter.data.weight,
      };
    }),
  );
  const published = pages.filter((p) => options.includeDrafts || !p.frontMatter.data.draft);
  const home = published.filter((p) => p.url === "/");
  const ordered = [...home, ...published.filter((p) => p.url !== "/").sort(courseOrder)];

  const exercises = new Map<string, SiteExercise>();
  for (const page of ordered) {
    const found: CourseExercise[] = [];
    // Refs resolve to nothing here: only the exercise shortcode's output matters, and any
    // other shortcode is skipped without a word (content:check reports those).
    const definitions = new Map<string, ShortcodeDefinition>(
      [...builtinShortcodes, exerciseShortcode((exercise) => found.push(exercise))].map((d) => [d.name, d]),
    );
    const scan = scanShortcodes(
      page.source,
      definitions,
      { file: page.file, resolveRef: () => ({ url: "" }) },
      { skipUntil: page.frontMatter.end },
    );
    diagnostics.push(...page.frontMatter.diagnostics, ...scan.diagnostics.filter((d) => d.rule.startsWith("exercise")));
    for (const exercise of found) {
      indexExercise(exercises, exercise, page, diagnostics);
    }
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { exercises, diagnostics };
}

/**
 * The known ids closest to a mistyped one, best first: those within a few edits, and those
 * that contain it or that it contains (a third of its length, at least 2). `closeExerciseIds("attention-weight", ids)` →
 * `["attention-weights"]`.
 */
export function closeExerciseIds(id: string, known: Iterable<string>, max = 3): string[] {
  const wanted = id.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored: Array<{ id: string; distance: number }> = [];
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const distance =
      wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower))
        ? 0.5
        : editDistance(wanted, lower, limit);
    if (distance <= limit) scored.push({ id: candidate, distance });
  }
  // Only the best and nearly best: a typo's fix, not every id of about the same length.
  const best = Math.min(...scored.map((s) => s.distance));
  return scored
    .filter((s) => s.distance <= best + 1)
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((s) => s.id);
}

/** Levenshtein distance with adjacent swaps, or `limit + 1` as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (previous2[j - 2] ?? 0) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length] ?? limit + 1;
}

// What `pnpm content:new <slug>` writes: a new lesson in Chinese (the course's default
// language) and its English twin. Pure: it takes what it needs to know about the course (the
// next weight, today's date) as arguments and returns the files, so the CLI decides where and
// whether to write them and a test can check the text without touching a disk.

import { APP_PATHS } from "./app-paths.ts";

/** One file of a new lesson: its path relative to the content directory and its text. */
export interface ScaffoldFile {
  file: string;
  text: string;
}

/** What a new lesson needs to be told. */
export interface ScaffoldOptions {
  /** The lesson's file name and URL segment: `positional_encoding` → `/positional_encoding/`. */
  slug: string;
  /** Course order (`weight`): the CLI gives the next one after the heaviest lesson. */
  weight: number;
  /** The front matter's `date`, `YYYY-MM-DD`. */
  date: string;
  /** The Chinese title; the slug as words when not given. */
  title?: string;
  /** The English title; the slug as words when not given. */
  titleEn?: string;
}

/** A new lesson, or why there cannot be one. */
export type LessonScaffold =
  | { ok: true; files: [ScaffoldFile, ScaffoldFile]; exerciseId: string; urls: { zh: string; en: string } }
  | { ok: false; problem: string };

/** The longest slug: its exercise id (`<slug>-example`) must stay within the 64 characters ids may have. */
export const MAX_SLUG_LENGTH = 48;

// Paths the app serves itself (APP_PATHS) or that Hugo reads as something else (`index.md` is a
// bundle's page, `/en/` the English home): a lesson there would be hidden behind them.
const RESERVED_SLUGS = new Set(["index", "en", ...APP_PATHS]);

/**
 * Why `slug` cannot name a new lesson, or `undefined` when it can: lowercase ASCII letters,
 * digits, `-` and `_`, starting with a letter or digit. `lessonSlugProblem("注意力")` → "… is not …".
 */
export function lessonSlugProblem(slug: string): string | undefined {
  const rule = `a slug is lowercase ASCII letters, digits, - and _ (like positional_encoding); it names the file content/<slug>.md and the URL /<slug>/`;
  if (slug.trim() === "") return `the slug is empty: ${rule}`;
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(slug)) {
    const lower = slug.toLowerCase();
    const suggestion = lower !== slug && /^[a-z0-9][a-z0-9_-]*$/.test(lower) ? ` (perhaps ${lower})` : "";
    return `"${slug}" is not a lesson slug${suggestion}: ${rule}`;
  }
  if (slug.length > MAX_SLUG_LENGTH) {
    return `"${slug}" is ${slug.length} characters long; a slug has at most ${MAX_SLUG_LENGTH}, so its exercise ids stay within 64`;
  }
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is taken by the site itself (/${slug}/): choose another slug`;
  return undefined;
}

/**
 * The id of a new lesson's example exercise, unique as the slug is: `demo_lesson` →
 * `demo-lesson-example`. Ids start with a letter, so `2d_rotation` → `lesson-2d-rotation-example`.
 */
export function exampleExerciseId(slug: string): string {
  const kebab = slug.replaceAll("_", "-");
  return /^[a-z]/.test(kebab) ? `${kebab}-example` : `lesson-${kebab}-example`;
}

/**
 * The weight that puts a new lesson after every lesson there is, on the course's grid of tens:
 * `nextLessonWeight([10, 20, 100])` → 110. Weight 0 means "no weight" to Hugo and is skipped.
 */
export function nextLessonWeight(weights: Iterable<number>): number {
  const heaviest = Math.max(0, ...[...weights].filter((w) => Number.isFinite(w) && w > 0));
  return (Math.floor(heaviest / 10) + 1) * 10;
}

/** The slug as a title, for a lesson whose author has not named it yet: `demo_lesson` → "Demo lesson". */
function slugAsTitle(slug: string): string {
  const words = slug.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function titleProblem(option: string, title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  if (title.trim() === "") return `${option} is empty: give the lesson's title, like ${option} "位置编码"`;
  if (/[\r\n]/.test(title)) return `${option} must be one line`;
  return undefined;
}

/**
 * A new lesson `slug` in both languages: front matter (draft), an introduction, a section with a
 * formula and a computed example, and one exercise that `content:check` passes and the grader
 * grades. `scaffoldLesson({ slug: "demo", weight: 110, date: "2026-12-01" }).files` →
 * `[{ file: "demo.md", … }, { file: "demo.en.md", … }]`.
 */
export function scaffoldLesson(options: ScaffoldOptions): LessonScaffold {
  const problem =
    lessonSlugProblem(options.slug) ??
    titleProblem("--title", options.title) ??
    titleProblem("--title-en", options.titleEn) ??
    (/^\d{4}-\d{2}-\d{2}$/.test(options.date) ? undefined : `the date "${options.date}" is not YYYY-MM-DD`) ??
    (Number.isInteger(options.weight) && options.weight > 0 ? undefined : `the weight must be a positive whole number`);
  if (problem) return { ok: false, problem };

  const { slug } = options;
  const exerciseId = exampleExerciseId(slug);
  const fields = {
    exerciseId,
    weight: options.weight,
    date: options.date,
  };
  return {
    ok: true,
    exerciseId,
    urls: { zh: `/${slug}/`, en: `/en/${slug}/` },
    files: [
      { file: `${slug}.md`, text: chineseLesson({ ...fields, title: options.title ?? slugAsTitle(slug) }) },
      { file: `${slug}.en.md`, text: englishLesson({ ...fields, title: options.titleEn ?? slugAsTitle(slug) }) },
    ],
  };
}

interface LessonFields {
  title: string;
  exerciseId: string;
  weight: number;
  date: string;
}

// A JSON string is a YAML double-quoted scalar: quotes, colons and `#` in a title stay text.
const yamlString = (text: string): string => JSON.stringify(text);

// The example's mistake is judged on seed 0 only: on a variant where x + y happens to add up
// to x · y the two answers tie, and a tie is graded correct.
const EXERCISE_SPEC = `title:
  zh: 点积
  en: The dot product
prompt:
  zh: |
    设 \\( x = {{x}} \\)，\\( y = {{y}} \\)，求点积 \\( x \\cdot y \\)。
  en: |
    With \\( x = {{x}} \\) and \\( y = {{y}} \\), find the dot product \\( x \\cdot y \\).
params:
  x: { vector: 3, integers: [-3, 3] }
  y: { vector: 3, integers: [-3, 3] }
answer:
  type: scalar
  expr: dot(x, y)
  noun:
    zh: 点积
    en: dot product
hints:
  - zh: 把对应的分量相乘：\\( x_1 y_1 \\)、\\( x_2 y_2 \\)、\\( x_3 y_3 \\)，再把三个乘积相加。
    en: Multiply the matching components, \\( x_1 y_1 \\), \\( x_2 y_2 \\) and \\( x_3 y_3 \\), then add the three products.
solution:
  zh: |
    对应分量相乘再相加：\\( x \\cdot y = {{ dot(x, y) }} \\)。
  en: |
    Multiply the matching components and add the products: \\( x \\cdot y = {{ dot(x, y) }} \\).
mistakes:
  - id: dot-product-added
    expr: sum(x + y)
    message:
      zh: 你把对应分量相加了。点积是对应分量相乘，再把乘积相加。
      en: You added the components. The dot product multiplies matching components, then adds the products.
tests:
  - answerExpr: dot(x, y)
    expect: correct
  - answerExpr: sum(x + y)
    seed: 0
    expect: { mistake: dot-product-added }
  - answer: "3 +"
    expect: invalid`;

function chineseLesson(lesson: LessonFields): string {
  return `---
title: ${yamlString(lesson.title)}
description: "一句话说明这一课讲什么。"
weight: ${lesson.weight}
date: ${lesson.date}
draft: true
tags: []
values:
  x: "[1, 2, 3]"
  y: "[4, -1, 2]"
  xy: "dot(x, y)"
---

<!-- pnpm content:new 写下的草稿：把示例换成这一课的内容（README 的 "Writing a lesson" 逐项说明），写好后两个文件都改成 draft: false。 -->

这里写引言：这一课解决什么问题，学完能做什么，需要先学过什么。回到[课程首页]({{< ref "/" >}})。

## 点积

两个长度为 \\( n \\) 的向量 \\( x \\)、\\( y \\) 的点积是对应分量乘积之和：

$$
x \\cdot y = \\sum_{i=1}^{n} x_i y_i
$$

例如 \\( x = {{< value "x" >}} \\)，\\( y = {{< value "y" >}} \\) 时，\\( x \\cdot y = {{< value "xy" >}} \\)。

## 练习

{{< exercise id="${lesson.exerciseId}" >}}
${EXERCISE_SPEC}
{{< /exercise >}}
`;
}

function englishLesson(lesson: LessonFields): string {
  return `---
title: ${yamlString(lesson.title)}
description: "One sentence on what this lesson teaches."
weight: ${lesson.weight}
date: ${lesson.date}
draft: true
tags: []
---

<!-- The English twin of the Chinese lesson beside it: the same sections in the same order. It uses the original's values:, and places the exercise written there by its id. -->

The introduction goes here: what problem this lesson solves, what a learner can do after it, and what to read first. Back to [the course's home page]({{< ref "/" >}}).

## The dot product

The dot product of two vectors \\( x \\) and \\( y \\) of length \\( n \\) is the sum of the products of their matching components:

$$
x \\cdot y = \\sum_{i=1}^{n} x_i y_i
$$

For example, with \\( x = {{< value "x" >}} \\) and \\( y = {{< value "y" >}} \\), \\( x \\cdot y = {{< value "xy" >}} \\).

## Exercises

{{< exercise id="${lesson.exerciseId}" />}}
`;
}

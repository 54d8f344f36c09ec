import { randomBytes } from "node:crypto";
import path from "node:path";
import { loadSite, type Site, type SiteExercise } from "@llm-basics/content";
import { evaluateAuthorExpression, type Value, variantValues } from "@llm-basics/grading";
import { expect, type Locator } from "@playwright/test";

/** The course the production server serves (the repository's content/), loaded as the server loads it. */
let site: Promise<Site> | undefined;
export function course(): Promise<Site> {
  site ??= loadSite({ contentDir: path.resolve(import.meta.dirname, "../../content"), includeDrafts: false });
  return site;
}

export async function courseExercise(id: string): Promise<SiteExercise> {
  const exercise = (await course()).exercises.get(id);
  if (!exercise) throw new Error(`the course has no exercise "${id}"`);
  return exercise;
}

/** An author expression evaluated on one variant: `softmax(Q * K')` for the page's seed. */
export async function valueOn(id: string, seed: number, expression: string): Promise<Value> {
  const { values } = variantValues((await courseExercise(id)).exercise, seed);
  return evaluateAuthorExpression(expression, values);
}

/** A fresh learner id, as the app's proxy makes them (128 random bits, base64url). */
export function freshLearnerId(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * The exercise, scrolled to as a learner does: its island asks for the learner's numbers as it
 * nears the screen, and its form is built once they are here.
 */
export async function reach(block: Locator): Promise<Locator> {
  await block.scrollIntoViewIfNeeded();
  return block;
}

/**
 * The seed of the variant an exercise shows, once its island has fetched it (a lesson's HTML is
 * the same for everyone; the learner's numbers arrive after it, as the exercise nears the
 * screen: it is scrolled to first).
 */
export async function seedOf(block: Locator): Promise<string> {
  await reach(block);
  await expect(block).toHaveAttribute("data-seed", /^\d+$/);
  return (await block.getAttribute("data-seed")) as string;
}

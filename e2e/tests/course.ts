import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { loadSite, type Site, type SiteExercise } from "@llm-basics/content";
import { visitorSeedKey } from "@llm-basics/db";
import { evaluateAuthorExpression, type Value, variantValues } from "@llm-basics/grading";
import { type BrowserContext, expect, type Locator } from "@playwright/test";

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

/** The browser becomes a new visitor with a known id (the app's lb_learner cookie), which it returns. */
export async function asNewVisitor(context: BrowserContext, baseURL: string | undefined): Promise<string> {
  const visitor = freshLearnerId();
  await context.addCookies([{ name: "lb_learner", value: visitor, url: baseURL as string, sameSite: "Lax" }]);
  return visitor;
}

/**
 * The variant a visitor meets first, as the app seeds it (@llm-basics/progress/learner-state):
 * a visitor's seed key is derived from their visitor id, so a test knows it without reading
 * the page.
 */
export function firstSeed(visitorId: string, exerciseId: string): number {
  const seedKey = visitorSeedKey(visitorId);
  return createHash("sha256").update(`${seedKey}:${exerciseId}:0`).digest().readUInt32BE(0) >>> 1;
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

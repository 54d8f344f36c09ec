import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { APP_PATHS } from "@llm-basics/content";
import { expect, it } from "vitest";

// A lesson at a path the app serves itself would be hidden behind it: the content package keeps
// the list of those paths (content:check reports such a lesson, content:new refuses its slug).
// Here the list is compared with the app's own routes, so a new route cannot be forgotten.

/** The first URL segments the routes under `dir` take: its folders and metadata files (icon.svg). */
async function routeSegments(dir: string): Promise<string[]> {
  const entries = await readdir(fileURLToPath(new URL(dir, import.meta.url)), { withFileTypes: true });
  return entries
    .filter((entry) => (entry.isDirectory() ? !/^[[(_@]/.test(entry.name) : /^(?:icon|apple-icon)\./.test(entry.name)))
    .map((entry) => entry.name);
}

it("every path the app serves itself, at the root and under each language, is one content:check keeps lessons off", async () => {
  const served = [...(await routeSegments("./app/")), ...(await routeSegments("./app/[lang]/"))];
  expect(served.length).toBeGreaterThan(5);
  expect(served.filter((segment) => !APP_PATHS.includes(segment))).toEqual([]);
  // …and the list names nothing the app no longer serves (besides Next's own /_next/).
  expect(APP_PATHS.filter((segment) => segment !== "_next" && !served.includes(segment))).toEqual([]);
});

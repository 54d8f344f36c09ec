import { readFileSync } from "node:fs";
import path from "node:path";

// Calling the app's server actions as a browser does, without a browser: their ids from the
// production build's manifest, their forms' hidden fields from a page's HTML, and their value
// out of the RSC response.

let manifest: { node: Record<string, { exportedName?: string }> } | undefined;

/** The id of the production build's server action `name` (`submitAnswer`, `newVariantFromForm`). */
export function actionId(name: string): string {
  manifest ??= JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, "../../apps/web/.next/server/server-reference-manifest.json"),
      "utf8",
    ),
  ) as { node: Record<string, { exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!found) throw new Error(`the build has no server action ${name}`);
  return found[0];
}

/**
 * The action's value in an RSC response: the object `{"ok":…}` (its strings may point at other
 * rows, `"$3e"`; its own fields are what callers read). A row may follow a text row on the
 * same line, so it is found by its start and read to its matching brace.
 */
export function actionResult<T = { ok: boolean; error?: string }>(text: string): T {
  const start = text.indexOf('{"ok":');
  if (start < 0) throw new Error(`no action result in ${text.slice(0, 300)}`);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return JSON.parse(text.slice(start, i + 1)) as T;
  }
  throw new Error(`an unfinished action result in ${text.slice(start, start + 300)}`);
}

/**
 * Each form on a page: its hidden fields (as Next renders a server action for posting without
 * JavaScript) and the names of its other inputs.
 */
export function formsOf(html: string): Array<{ hidden: Record<string, string>; visible: string[] }> {
  const decode = (s: string) =>
    s
      .replaceAll("&quot;", '"')
      .replaceAll("&#x27;", "'")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&amp;", "&");
  return [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map(([form]) => {
    const hidden: Record<string, string> = {};
    const visible: string[] = [];
    for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(input)?.[1];
      if (!name) continue;
      if (/\btype="hidden"/.test(input)) hidden[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? "");
      else visible.push(name);
    }
    return { hidden, visible };
  });
}

/** The id of the server action a form posts to. */
export function actionIdOf(fields: Record<string, string>): string {
  const plain = Object.keys(fields).find((k) => k.startsWith("$ACTION_ID_"));
  if (plain) return plain.slice("$ACTION_ID_".length);
  const bound = Object.entries(fields).find(([k]) => /^\$ACTION_\d+:0$/.test(k));
  if (bound) return (JSON.parse(bound[1]) as { id: string }).id;
  throw new Error(`no server action in ${JSON.stringify(fields)}`);
}

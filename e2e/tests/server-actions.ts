import { readFileSync } from "node:fs";
import path from "node:path";

// Calling the app's server actions as a browser does, without a browser: their ids from the
// production build's manifest, and their forms' hidden fields from a page's HTML.

let manifest: { node: Record<string, { exportedName?: string }> } | undefined;

/** The id of the production build's server action `name` (`newVariant`, `newVariantFromForm`). */
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

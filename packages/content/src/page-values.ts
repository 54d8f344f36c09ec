import { evaluateAuthorExpression, type Value } from "@llm-basics/grading";
import { createLocator, type Diagnostic } from "./diagnostics.ts";
import { findFrontMatterBlock } from "./front-matter.ts";
import { InterpolationError, latexOf } from "./latex-value.ts";
import type { ShortcodeDefinition } from "./shortcodes.ts";

// A page's worked examples take their numbers from the math core, not from the author's
// keyboard: the front matter's `values:` names inputs and results, each an expression of the
// exercises' language evaluated in order, and `{{< value "expr" >}}` writes one into a formula.

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED = new Set(["pi", "e"]);

/** A page's `values:`, evaluated in order, with a diagnostic at the line of each one that fails. */
export function evaluatePageValues(
  declared: unknown,
  file: string,
  source: string,
): { values: Map<string, Value>; diagnostics: Diagnostic[] } {
  // The constants exercises have: `exp(1)` and `e`, `pi`.
  const values = new Map<string, Value>([
    ["pi", Math.PI],
    ["e", Math.E],
  ]);
  const diagnostics: Diagnostic[] = [];
  if (declared === undefined) return { values, diagnostics };
  const where = valueLines(source);
  const report = (name: string | undefined, message: string): void => {
    const at = (name !== undefined ? where.get(name) : undefined) ?? where.get("") ?? { line: 1, column: 1 };
    diagnostics.push({ severity: "error", rule: "page-values", message, file, ...at });
  };
  if (typeof declared !== "object" || declared === null || Array.isArray(declared)) {
    report(
      undefined,
      'front matter field "values" must map names to expressions, like  values: { A: "[[1, 2], [3, 4]]", B: "A * A" }',
    );
    return { values, diagnostics };
  }
  for (const [name, entry] of Object.entries(declared)) {
    if (!NAME.test(name) || RESERVED.has(name)) {
      report(name, `values: "${name}" cannot be a name: start with a letter, then letters, digits or _ (not pi or e)`);
      continue;
    }
    const text =
      typeof entry === "string"
        ? entry
        : typeof entry === "number" || Array.isArray(entry)
          ? JSON.stringify(entry)
          : undefined;
    if (text === undefined) {
      report(
        name,
        `values: ${name} must be an expression in quotes, a number or a list (found ${JSON.stringify(entry)})`,
      );
      continue;
    }
    try {
      const value = evaluateAuthorExpression(text, values);
      if (!finite(value)) throw new Error("it is not a finite number, vector or matrix");
      values.set(name, value);
    } catch (error) {
      report(name, `values: ${name} = "${text}" does not compute: ${(error as Error).message}`);
    }
  }
  return { values, diagnostics };
}

function finite(value: Value): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "boolean") return true;
  if (Array.isArray(value)) return value.every(finite);
  return Object.values(value).every((v) => finite(v as Value));
}

/** Line and column of each `name:` under the front matter's `values:` ("" for `values:` itself). */
function valueLines(source: string): Map<string, { line: number; column: number }> {
  const found = new Map<string, { line: number; column: number }>();
  const block = findFrontMatterBlock(source);
  if (!block) return found;
  const locate = createLocator(source);
  const text = source.slice(block.contentStart, block.contentEnd);
  const start = /^values[ \t]*[:=]/m.exec(text);
  if (!start) return found;
  found.set("", locate(block.contentStart + start.index));
  const after = text.slice(start.index + start[0].length);
  const key = /^[ \t]+"?([A-Za-z0-9_]+)"?[ \t]*[:=]|^\S/gm;
  for (const match of after.matchAll(key)) {
    if (match[1] === undefined) break; // the next top-level key: `values:` has ended
    const offset = block.contentStart + start.index + start[0].length + match.index + match[0].indexOf(match[1]);
    if (!found.has(match[1])) found.set(match[1], locate(offset));
  }
  return found;
}

/**
 * `{{< value "A * B" >}}`: the value of an expression over the page's `values:`, as LaTeX, written
 * inside a formula (`\( {{< value "p" >}} \)`). `digits="2"` rounds numbers to two decimals.
 */
export const valueShortcode: ShortcodeDefinition = {
  name: "value",
  body: "none",
  render(call, context) {
    const expr = call.positional[0] ?? call.named.expr;
    if (expr === undefined || call.positional.length > 1 || expr.trim() === "") {
      return {
        kind: "error",
        rule: "shortcode-syntax",
        message: 'value takes one expression over the page\'s values:, e.g. {{< value "A * B" >}}',
      };
    }
    let digits: number | undefined;
    if (call.named.digits !== undefined) {
      digits = Number(call.named.digits);
      if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
        return {
          kind: "error",
          rule: "shortcode-syntax",
          message: `value: digits="${call.named.digits}" must be a whole number from 0 to 10`,
        };
      }
    }
    const values = new Map(context.values ?? []);
    try {
      const value = evaluateAuthorExpression(expr, values);
      if (!finite(value)) throw new Error("it is not a finite number, vector or matrix");
      return { kind: "text", value: latexOf(value, expr, digits), mathOnly: true };
    } catch (error) {
      const message = error instanceof InterpolationError ? error.message : (error as Error).message;
      const known = [...values.keys()].filter((name) => !RESERVED.has(name));
      return {
        kind: "error",
        rule: "page-values",
        message: `value "${expr}" does not compute: ${message}${known.length === 0 ? " (this page has no values: in its front matter)" : ` (the page's values: ${known.join(", ")})`}`,
      };
    }
  },
};

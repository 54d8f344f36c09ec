import { type ShortcodeDefinition, slotNode } from "./shortcodes.ts";

// Interactive pictures a lesson places with `{{< widget name="softmax" … />}}`. The page's
// HTML only marks where each goes, with its parameters checked and normalized here (numbers,
// not text); the app draws it in the browser with the same math core that grades.

/** A widget's parameters as the app receives them. */
export type WidgetParams = Record<string, number | string | number[] | number[][] | string[] | boolean>;

/** One kind of widget: its parameters, read from the shortcode's text (an error says why not). */
interface WidgetSpec {
  /** What the widget shows, for the error that lists the widgets. */
  summary: string;
  /** Its parameters' names (the shortcode's other keys are a mistake worth naming). */
  parameters: readonly string[];
  /**
   * The parameters that are numbers, vectors or matrices: in an exercise's `widget:` these are
   * author expressions over the variant's values (the others are written as in the shortcode).
   */
  computed: readonly string[];
  read(named: Readonly<Record<string, string>>): { params: WidgetParams } | { error: string };
}

/** `"2, 1, 0.1"` → [2, 1, 0.1], each finite and within ±limit; undefined with the reason otherwise. */
function numbers(text: string, name: string, min: number, max: number, limit: number): number[] | string {
  const items = text.split(/[,，\s]+/).filter(Boolean);
  if (items.length < min || items.length > max) {
    return `${name} takes ${min === max ? min : `${min} to ${max}`} numbers, got ${items.length}`;
  }
  const values = items.map(Number);
  const badAt = values.findIndex((value) => !Number.isFinite(value) || Math.abs(value) > limit);
  const bad = badAt === -1 ? undefined : items[badAt];
  if (bad !== undefined) return `${name}: "${bad}" is not a number between -${limit} and ${limit}`;
  return values;
}

function number(text: string | undefined, name: string, fallback: number, min: number, max: number): number | string {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max)
    return `${name} is a number from ${min} to ${max}, not "${text}"`;
  return value;
}

/** `"[[1, 0], [0, 1]]"` → a matrix of `rows` rows (one per `per`, if it says) and 1–8 equal columns, entries within ±limit. */
function matrix(
  text: string | undefined,
  name: string,
  rows: number,
  limit: number,
  per?: string,
): number[][] | string {
  if (text === undefined) return `${name} is needed: a matrix like "[[1, 0], [0, 1]]"`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${name} is not a matrix written like "[[1, 0], [0, 1]]"`;
  }
  if (!Array.isArray(value) || value.length !== rows)
    return `${name} needs ${rows} rows${per ? `, one per ${per}` : ""}`;
  const cols = Array.isArray(value[0]) ? value[0].length : 0;
  if (cols < 1 || cols > 8) return `${name} needs 1 to 8 columns`;
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== cols) return `${name}: every row needs ${cols} numbers`;
    if (row.some((x) => typeof x !== "number" || !Number.isFinite(x) || Math.abs(x) > limit)) {
      return `${name}: every entry is a number between -${limit} and ${limit}`;
    }
  }
  return value as number[][];
}

/** How many rows the matrix `text` writes, from min to max: for `matrix()`, which wants a row count. */
function rowCount(text: string, name: string, min: number, max: number): number | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${name} is not a matrix written like "[[1, 0], [0, 1]]"`;
  }
  if (!Array.isArray(value) || value.length < min || value.length > max) return `${name} needs ${min} to ${max} rows`;
  return value.length;
}

function flag(text: string | undefined, name: string, fallback: boolean): boolean | string {
  if (text === undefined) return fallback;
  if (text === "true" || text === "false") return text === "true";
  return `${name} is true or false, not "${text}"`;
}

/** The widgets there are, by name. */
export const WIDGETS: Readonly<Record<string, WidgetSpec>> = {
  matmul: {
    summary: "AB of two small matrices, entry by entry: (AB)_ij is row i of A times column j of B",
    parameters: ["a", "b"],
    computed: ["a", "b"],
    read(named) {
      const aText = named.a ?? "[[1, 2], [3, 4]]";
      const aRows = rowCount(aText, "a", 1, 4);
      if (typeof aRows === "string") return { error: aRows };
      const a = matrix(aText, "a", aRows, 9);
      if (typeof a === "string") return { error: a };
      const n = a[0]?.length ?? 0;
      if (n > 4) return { error: "a needs 1 to 4 columns" };
      const bText = named.b ?? "[[5, 6], [7, 8]]";
      const bRows = rowCount(bText, "b", 1, 4);
      if (typeof bRows === "string") return { error: bRows };
      if (bRows !== n) return { error: `b needs ${n} rows, as many as a has columns, not ${bRows}` };
      const b = matrix(bText, "b", bRows, 9);
      if (typeof b === "string") return { error: b };
      if ((b[0]?.length ?? 0) > 4) return { error: "b needs 1 to 4 columns" };
      return { params: { a, b } };
    },
  },
  descent: {
    summary:
      "gradient descent on L(θ) = ½θᵀAθ − bᵀθ: the contour lines, the minimum and the path, with the learning rate and the start to change",
    parameters: ["a", "b", "start", "lr", "steps"],
    computed: ["a", "b", "start", "lr"],
    read(named) {
      const a = matrix(named.a ?? "[[3, 1], [1, 3]]", "a", 2, 10);
      if (typeof a === "string") return { error: a };
      if (a[0]?.length !== 2) return { error: "a is a 2×2 matrix" };
      const [[a11 = 0, a12 = 0] = [], [a21 = 0, a22 = 0] = []] = a;
      if (a12 !== a21) return { error: "a must be symmetric (a₁₂ = a₂₁), so the loss is a bowl" };
      if (!(a11 > 0 && a11 * a22 - a12 * a12 > 1e-9)) {
        return { error: "a must be positive definite (a₁₁ > 0 and det a > 0), or the loss has no bottom" };
      }
      const b = numbers(named.b ?? "5, 7", "b", 2, 2, 20);
      if (typeof b === "string") return { error: b };
      const start = numbers(named.start ?? "0, 0", "start", 2, 2, 50);
      if (typeof start === "string") return { error: start };
      const lr = number(named.lr, "lr", 0.1, 0.01, 5);
      if (typeof lr === "string") return { error: lr };
      const steps = number(named.steps, "steps", 20, 1, 50);
      if (typeof steps === "string") return { error: steps };
      if (!Number.isInteger(steps)) return { error: `steps is a whole number, not "${named.steps}"` };
      return { params: { a, b, start, lr, steps } };
    },
  },
  svd: {
    summary: "the unit circle and its image under a 2×2 matrix, with the singular vectors and values drawn",
    parameters: ["a"],
    computed: ["a"],
    read(named) {
      const a = matrix(named.a ?? "[[3, 0], [4, 5]]", "a", 2, 5);
      if (typeof a === "string") return { error: a };
      if (a[0]?.length !== 2) return { error: "a is a 2×2 matrix" };
      return { params: { a } };
    },
  },
  layernorm: {
    summary: "a vector before and after LayerNorm, with sliders for γ and β",
    parameters: ["x", "gamma", "beta"],
    computed: ["x", "gamma", "beta"],
    read(named) {
      const x = numbers(named.x ?? "3, -1, 2, 0", "x", 2, 8, 20);
      if (typeof x === "string") return { error: x };
      const gamma = number(named.gamma, "gamma", 1, 0, 3);
      if (typeof gamma === "string") return { error: gamma };
      const beta = number(named.beta, "beta", 0, -3, 3);
      if (typeof beta === "string") return { error: beta };
      return { params: { x, gamma, beta } };
    },
  },
  attention: {
    summary:
      "the attention weights softmax(QKᵀ/√d_k) of a few tokens as a heatmap, with the causal mask and the scaling to switch",
    parameters: ["tokens", "q", "k", "causal", "scaled"],
    computed: ["q", "k"],
    read(named) {
      // With tokens, one per row of q and of k (self-attention); without, q's rows and k's rows
      // are labelled q₁ … and k₁ … and may differ in number (a query attending to other keys).
      let tokens: string[] | undefined;
      let rows: { q: number; k: number };
      if (named.tokens !== undefined) {
        tokens = named.tokens.split(/[,，]/).map((t) => t.trim());
        if (tokens.length < 2 || tokens.length > 6) return { error: "tokens names 2 to 6 tokens, comma-separated" };
        if (tokens.some((t) => t === "" || t.length > 10)) return { error: "each token is 1 to 10 characters" };
        rows = { q: tokens.length, k: tokens.length };
      } else {
        if (named.q === undefined || named.k === undefined) {
          return { error: 'q and k are needed: matrices with a row per query and per key, like q="[[1, 0], [0, 1]]"' };
        }
        const q = rowCount(named.q, "q", 1, 6);
        if (typeof q === "string") return { error: q };
        const k = rowCount(named.k, "k", 2, 6);
        if (typeof k === "string") return { error: k };
        rows = { q, k };
      }
      const q = matrix(named.q, "q", rows.q, 10, tokens && "token");
      if (typeof q === "string") return { error: q };
      const k = matrix(named.k, "k", rows.k, 10, tokens && "token");
      if (typeof k === "string") return { error: k };
      if ((q[0]?.length ?? 0) !== (k[0]?.length ?? 0)) return { error: "q and k need the same number of columns, d_k" };
      const causal = flag(named.causal, "causal", false);
      if (typeof causal === "string") return { error: causal };
      if (causal && rows.q !== rows.k) return { error: "the causal mask needs as many queries as keys" };
      const scaled = flag(named.scaled, "scaled", true);
      if (typeof scaled === "string") return { error: scaled };
      return { params: { ...(tokens ? { tokens } : {}), q, k, causal, scaled } };
    },
  },
  softmax: {
    summary: "softmax(z / T) as bars, with a temperature slider and editable logits",
    parameters: ["logits", "temperature", "labels"],
    computed: ["logits", "temperature"],
    read(named) {
      const logits = numbers(named.logits ?? "2, 1, 0.1", "logits", 2, 8, 20);
      if (typeof logits === "string") return { error: logits };
      const temperature = number(named.temperature, "temperature", 1, 0.1, 10);
      if (typeof temperature === "string") return { error: temperature };
      const labels = named.labels?.split(/[,，]/).map((l) => l.trim());
      if (labels && labels.length !== logits.length) {
        return { error: `labels names ${labels.length} bars, logits has ${logits.length}` };
      }
      if (labels?.some((l) => l === "" || l.length > 12)) return { error: "each label is 1 to 12 characters" };
      return { params: { logits, temperature, ...(labels ? { labels } : {}) } };
    },
  },
};

/**
 * An exercise's widget for one variant: `{ name: "softmax", logits: "z", temperature: "T" }`
 * with its computed parameters evaluated by `evaluate` (an author expression over the variant's
 * values) and the result read and checked as the shortcode's would be. Throws, saying what is
 * wrong, when the widget or a parameter does not work for this variant.
 */
export function exerciseWidget(
  widget: Readonly<Record<string, string | number | boolean>>,
  evaluate: (expression: string) => unknown,
): { name: string; params: WidgetParams } {
  const name = String(widget.name);
  const spec = WIDGETS[name];
  if (!spec) throw new Error(`no widget is named "${name}" (there are ${Object.keys(WIDGETS).sort().join(", ")})`);
  const entries = Object.entries(widget).filter(([key]) => key !== "name");
  const unknown = unknownParameters(name, spec, Object.keys(widget));
  if (unknown) throw new Error(unknown);
  const named: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (!spec.computed.includes(key) || typeof value !== "string") {
      named[key] = String(value);
      continue;
    }
    let computed: unknown;
    try {
      computed = evaluate(value);
    } catch (error) {
      throw new Error(`widget ${name}, ${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
    named[key] = asText(computed, `widget ${name}, ${key}`);
  }
  const read = spec.read(named);
  if ("error" in read) throw new Error(`widget ${name}: ${read.error}`);
  return { name, params: read.params };
}

/**
 * What is wrong with a widget's keys (`name` aside), the shortcode's or an exercise's: the ones
 * it has no parameter for, and the ones it takes; undefined when every key is one of them.
 */
function unknownParameters(name: string, spec: WidgetSpec, keys: readonly string[]): string | undefined {
  const unknown = keys.filter((key) => key !== "name" && !spec.parameters.includes(key));
  if (unknown.length === 0) return undefined;
  return `widget ${name} has no parameter ${unknown.join(", ")}; it takes ${spec.parameters.join(", ")}`;
}

/** A computed value as the shortcode writes it: `2`, `2, 1, 0` (a vector), `[[1, 0], [0, 1]]`. */
function asText(value: unknown, key: string): string {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return value.join(", ");
  if (Array.isArray(value) && value.every((row) => Array.isArray(row))) return JSON.stringify(value);
  throw new Error(`${key}: the value is not a number, vector or matrix`);
}

/** The slot value of a widget: `encodeURIComponent` of its JSON, safe in an HTML attribute. */
export function encodeWidget(name: string, params: WidgetParams): string {
  return encodeURIComponent(JSON.stringify({ name, params }));
}

/** The `widget` shortcode: `{{< widget name="softmax" logits="2, 1, 0.1" temperature="1" />}}`. */
export const widgetShortcode: ShortcodeDefinition = {
  name: "widget",
  body: "none",
  render(call) {
    const name = call.named.name ?? call.positional[0];
    const spec = name === undefined ? undefined : WIDGETS[name];
    if (!spec || name === undefined) {
      const known = Object.entries(WIDGETS)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, w]) => `${key} (${w.summary})`)
        .join("; ");
      return {
        kind: "error",
        rule: "widget",
        message: `${name === undefined ? "a widget needs a name" : `no widget is named "${name}"`}: ${known}`,
      };
    }
    const unknown = unknownParameters(name, spec, Object.keys(call.named));
    if (unknown) return { kind: "error", rule: "widget", message: unknown };
    const read = spec.read(call.named);
    if ("error" in read) return { kind: "error", rule: "widget", message: `widget ${name}: ${read.error}` };
    return { kind: "block", node: slotNode("widget", encodeWidget(name, read.params)) };
  },
};

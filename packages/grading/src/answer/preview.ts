import { type Expr, parseStatements, type Statement, type SyntaxProblem } from "../expression/parser.ts";
import type { AnswerSpec } from "../spec.ts";
import { plainAnswerText, problemInTypedText } from "./plain-text.ts";
import { answerReadings, readsAsList } from "./readings.ts";
import { readShapeText, shapeLatex } from "./shape-text.ts";

// What a learner typed, shown back as formatted math while they type, so they can see how the
// grader reads it (`1/sqrt(2)` as a fraction with a root, `[[1, 2], [3, 4]]` as a matrix). It
// reads the answer exactly as grading does (normalizer, then parser) and writes the syntax tree
// as LaTeX, so the preview never shows a reading the grader would not make. It evaluates nothing
// and imports no math: the lesson page's browser bundle includes it.

/** The preview of a typed answer: LaTeX for KaTeX, or where the text cannot be read yet. */
export type AnswerPreview = { ok: true; latex: string } | { ok: false; problem: SyntaxProblem };

/**
 * A learner's answer as LaTeX: `1/sqrt(2)` → `\frac{1}{\sqrt{2}}`, `x^2+2x` → `x^{2} + 2x`,
 * `[[1,2],[3,4]]` → a `bmatrix`; LaTeX as typed is read and written back the same way. With
 * the answer type, lists read as grading reads them (`1, 2; 3, 4` is a matrix, `{1, 3}` a set).
 * Blank text is `{ ok: true, latex: "" }`; unreadable text gives the problem at its place in
 * what was typed.
 */
export function previewLatex(text: string, type?: AnswerSpec["type"]): AnswerPreview {
  if (text.trim() === "") return { ok: true, latex: "" };
  const reading = type === undefined ? "plain" : answerReadings[type];
  if (reading === "shape") {
    const shape = readShapeText(text);
    return shape.ok ? { ok: true, latex: shapeLatex(shape.value.sizes) } : { ok: false, problem: shape.problem };
  }
  const prepared = plainAnswerText(text, { asList: readsAsList(type) });
  if (!prepared.ok) return { ok: false, problem: prepared.problem };
  const { plain, positions } = prepared.value;
  const parsed = parseStatements(plain);
  if (!parsed.ok) return { ok: false, problem: problemInTypedText(parsed.problem, positions, text.length) };
  const writer = new LatexWriter(plain, reading === "set");
  const lines = parsed.statements.map((s) => writer.statement(s));
  if (lines.length <= 1) return { ok: true, latex: (lines[0] ?? "").replace("&=", "=") };
  return { ok: true, latex: `\\begin{aligned} ${lines.join(" \\\\ ")} \\end{aligned}` };
}

/** How tightly an expression binds, to know where its parentheses must be written back. */
const SUM = 10;
const PRODUCT = 20;
const UNARY = 25;
const POWER = 30;
const ATOM = 50;

interface Written {
  latex: string;
  binding: number;
  /** Written as a letter or a function (so `2` before it may be a juxtaposed product: 2x). */
  startsWithLetter: boolean;
}

const GREEK = new Set(
  (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi " +
    "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
  ).split(" "),
);

/** Functions learners may use, as LaTeX writes them (the grader's `log` is the natural log). */
const NAMED_FUNCTIONS: Record<string, string> = {
  exp: "\\exp",
  log: "\\ln",
  ln: "\\ln",
  log2: "\\log_{2}",
  log10: "\\log_{10}",
  sin: "\\sin",
  cos: "\\cos",
  tan: "\\tan",
  tanh: "\\tanh",
};

class LatexWriter {
  constructor(
    private readonly plain: string,
    private readonly asSet: boolean,
  ) {}

  statement(s: Statement): string {
    const value = this.write(s.value, true).latex;
    return s.name === undefined ? value : `${this.name(s.name)} &= ${value}`;
  }

  private write(node: Expr, top = false): Written {
    switch (node.kind) {
      case "number": {
        const literal = this.plain.slice(node.start, node.end);
        const exponent = /^([0-9.]+)[eE]([+-]?[0-9]+)$/.exec(literal);
        // 1e-3 is written 1 × 10⁻³: a power, so (1e-3)^2 keeps its parentheses.
        if (exponent) {
          return {
            latex: `${exponent[1]} \\times 10^{${Number(exponent[2])}}`,
            binding: POWER,
            startsWithLetter: false,
          };
        }
        return { latex: literal, binding: ATOM, startsWithLetter: false };
      }
      case "name":
        return { latex: this.name(node.name), binding: ATOM, startsWithLetter: true };
      case "unary": {
        const operand = this.write(node.operand);
        const inner = operand.binding <= UNARY ? paren(operand.latex) : operand.latex;
        return { latex: `${node.op}${inner}`, binding: UNARY, startsWithLetter: false };
      }
      case "transpose": {
        const operand = this.write(node.operand);
        return {
          latex: `${operand.binding < ATOM ? paren(operand.latex) : operand.latex}^{\\top}`,
          binding: POWER,
          startsWithLetter: operand.startsWithLetter,
        };
      }
      case "member": {
        const object = this.write(node.object);
        return {
          latex: `${object.binding < ATOM ? paren(object.latex) : object.latex}.\\mathrm{${node.property}}`,
          binding: ATOM,
          startsWithLetter: object.startsWithLetter,
        };
      }
      case "call":
        return this.call(node.callee, node.args);
      case "list":
        return this.list(node, top);
      case "binary":
        return this.binary(node.op, node.left, node.right);
    }
  }

  private binary(op: "+" | "-" | "*" | "/" | "^", leftNode: Expr, rightNode: Expr): Written {
    const left = this.write(leftNode);
    const right = this.write(rightNode);
    switch (op) {
      case "+":
      case "-": {
        // a - (b - c) and a + (-b) keep their parentheses; a + b + c needs none.
        const r = right.binding <= SUM || right.binding === UNARY ? paren(right.latex) : right.latex;
        return { latex: `${left.latex} ${op} ${r}`, binding: SUM, startsWithLetter: left.startsWithLetter };
      }
      case "*": {
        const l = left.binding < PRODUCT ? paren(left.latex) : left.latex;
        const r = right.binding <= UNARY ? paren(right.latex) : right.latex;
        // A product typed without * (2x, 3 sqrt(2), 2(1 + 2)) is written side by side, as typed.
        const juxtaposed = !this.plain.slice(leftNode.end, rightNode.start).includes("*");
        return {
          latex: juxtaposed ? `${l} ${r}` : `${l} \\cdot ${r}`,
          binding: PRODUCT,
          startsWithLetter: left.startsWithLetter,
        };
      }
      case "/":
        return { latex: `\\frac{${left.latex}}{${right.latex}}`, binding: ATOM, startsWithLetter: false };
      case "^":
        return {
          latex: `${left.binding < ATOM ? paren(left.latex) : left.latex}^{${right.latex}}`,
          binding: POWER,
          startsWithLetter: left.startsWithLetter,
        };
    }
  }

  private call(callee: string, args: Expr[]): Written {
    const written = args.map((a) => this.write(a).latex);
    if (callee === "sqrt" && written.length === 1) {
      return { latex: `\\sqrt{${written[0]}}`, binding: ATOM, startsWithLetter: true };
    }
    if (callee === "abs" && written.length === 1) {
      return { latex: `\\left| ${written[0]} \\right|`, binding: ATOM, startsWithLetter: true };
    }
    const name = NAMED_FUNCTIONS[callee] ?? (callee.length === 1 ? callee : `\\operatorname{${callee}}`);
    return { latex: `${name}${paren(written.join(", "))}`, binding: ATOM, startsWithLetter: true };
  }

  private list(node: Extract<Expr, { kind: "list" }>, top: boolean): Written {
    const open = this.plain[node.start];
    const rows = node.rows;
    const atom = (latex: string): Written => ({ latex, binding: ATOM, startsWithLetter: false });
    const items = rows.length === 1 ? (rows[0] ?? []) : [];
    if (open === "(" && rows.length === 1) return atom(paren(items.map((i) => this.write(i).latex).join(", ")));
    if (top && this.asSet && rows.length === 1) {
      return atom(`\\left\\{ ${items.map((i) => this.write(i).latex).join(", ")} \\right\\}`);
    }
    // [[1, 2], [3, 4]]: a list of rows of the same length, each a plain list of entries.
    const nestedRows = items.map((item) =>
      item.kind === "list" && item.rows.length === 1 && this.plain[item.start] === "[" ? item.rows[0] : undefined,
    );
    const width = nestedRows[0]?.length;
    const isMatrix =
      items.length > 0 &&
      width !== undefined &&
      width > 0 &&
      nestedRows.every((r) => r !== undefined && r.length === width && r.every((x) => x.kind !== "list"));
    const matrixRows = isMatrix ? (nestedRows as Expr[][]) : rows.length > 1 ? rows : undefined;
    if (matrixRows) return atom(bmatrix(matrixRows.map((r) => r.map((x) => this.write(x).latex))));
    if (items.length === 0) return atom("\\left[ \\, \\right]");
    if (items.every((x) => x.kind !== "list")) return atom(bmatrix([items.map((x) => this.write(x).latex)]));
    // Mixed lists, such as an eigenpair [2, [1, -1]]: written as typed.
    return atom(`\\left[ ${items.map((x) => this.columnOrItem(x)).join(", ")} \\right]`);
  }

  /** Inside a mixed list, a plain vector is a column (an eigenvector), anything else as it is. */
  private columnOrItem(node: Expr): string {
    if (node.kind === "list" && node.rows.length === 1 && node.rows[0]?.every((x) => x.kind !== "list")) {
      return bmatrix((node.rows[0] ?? []).map((x) => [this.write(x).latex]));
    }
    return this.write(node).latex;
  }

  private name(name: string): string {
    if (name === "pi") return "\\pi";
    if (GREEK.has(name)) return `\\${name}`;
    // x_1 and x1 as subscripts; other names (xy, AB) as the letters they are.
    const sub = /^([A-Za-z]+)_?([0-9]+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
    if (sub) return `${this.name(sub[1] as string)}_{${sub[2]}}`;
    return name.replace(/_/g, "\\_");
  }
}

function paren(latex: string): string {
  return `\\left( ${latex} \\right)`;
}

function bmatrix(rows: string[][]): string {
  return `\\begin{bmatrix} ${rows.map((r) => r.join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
}

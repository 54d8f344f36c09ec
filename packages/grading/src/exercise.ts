import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { CompileTools } from "./answer-types/answer-type.ts";
import { answerTypeOf } from "./answer-types/registry.ts";
import { authorFunctions, constants } from "./expression/functions.ts";
import { type Expr, parseExpression } from "./expression/parser.ts";
import { calleesIn, namesIn } from "./expression/walk.ts";
import { type AnswerSpec, type ExerciseSpec, exerciseSpec, type MistakeSpec, type ParamSpec } from "./spec.ts";

/** A problem with an exercise's spec, at a path inside it (and a line when it came from YAML). */
export interface SpecProblem {
  /** Where in the spec: `["params", "Q", "matrix"]`. */
  path: (string | number)[];
  message: string;
  /** 1-based line and column in the YAML text, when compiled from YAML. */
  line?: number;
  column?: number;
}

/** One answer to grade: its spec with every expression parsed. */
export interface CompiledAnswer {
  /** The part's id (multi-part exercises), or undefined for a single answer. */
  id?: string;
  spec: AnswerSpec;
  /** The expected value's expression (expr, or matrix for eigenpairs/svd). */
  expr?: Expr;
  mistakes: { id: string; expr: Expr; spec: MistakeSpec }[];
  /** Further expressions of the spec by index (the `equals:` and `det:` checks of property answers). */
  checkExprs: Map<number, Expr>;
}

/** An exercise ready to grade: validated, with every expression parsed once. */
export interface Exercise {
  spec: ExerciseSpec;
  params: { name: string; spec: ParamSpec; expr?: Expr }[];
  answers: CompiledAnswer[];
  /** True when the exercise has parts (answers are given per part id). */
  multiPart: boolean;
}

/** Validates a spec (already parsed from YAML or JSON) and parses its expressions. */
export function compileExercise(
  input: unknown,
): { ok: true; exercise: Exercise } | { ok: false; problems: SpecProblem[] } {
  const parsed = exerciseSpec.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const spec = parsed.data;
  const problems: SpecProblem[] = [];
  const known = new Set<string>(constants.keys());
  const parse = (text: string, path: (string | number)[]): Expr | undefined => {
    const result = parseExpression(text);
    if (!result.ok) {
      problems.push({
        path,
        message: `${result.problem.message.en} (at character ${result.problem.at + 1} of ${JSON.stringify(text)})`,
      });
      return undefined;
    }
    for (const name of namesIn(result.expr)) {
      if (!known.has(name)) problems.push({ path, message: `unknown name ${name} in ${JSON.stringify(text)}` });
    }
    for (const callee of calleesIn(result.expr)) {
      if (!authorFunctions.has(callee))
        problems.push({ path, message: `unknown function ${callee} in ${JSON.stringify(text)}` });
    }
    return result.expr;
  };
  const params: Exercise["params"] = [];
  for (const [name, paramSpec] of Object.entries(spec.params ?? {})) {
    const expr = "expr" in paramSpec ? parse(paramSpec.expr, ["params", name, "expr"]) : undefined;
    params.push(expr ? { name, spec: paramSpec, expr } : { name, spec: paramSpec });
    known.add(name);
  }
  const tools: CompileTools = {
    parse: (text, path, variables = []) => {
      // A formula's own variables are names only inside it.
      const added = variables.filter((v) => !known.has(v));
      for (const v of added) known.add(v);
      const expr = parse(text, path);
      for (const v of added) known.delete(v);
      return expr;
    },
    problem: (path, message) => {
      problems.push({ path, message });
    },
  };
  const compileAnswer = (answer: AnswerSpec, path: (string | number)[], id?: string): CompiledAnswer => {
    const own = answerTypeOf(answer.type).compile(answer, path, tools);
    // The answer's own mistakes, then (single answers) the exercise's: each reported at its own path.
    const sources = [
      ...(answer.mistakes ?? []).map((m, i) => ({ m, at: [...path, "mistakes", i] })),
      ...(id === undefined ? (spec.mistakes ?? []).map((m, i) => ({ m, at: ["mistakes", i] })) : []),
    ];
    const seenIds = new Set<string>();
    const mistakes = sources.flatMap(({ m, at }, i) => {
      const mistakeId = m.id ?? `mistake-${i + 1}`;
      if (seenIds.has(mistakeId))
        problems.push({ path: [...at, "id"], message: `the mistake id ${mistakeId} is used twice` });
      seenIds.add(mistakeId);
      const parsedMistake = parse(m.expr, [...at, "expr"]);
      return parsedMistake ? [{ id: mistakeId, expr: parsedMistake, spec: m }] : [];
    });
    const compiled: CompiledAnswer = { spec: answer, mistakes, checkExprs: own.checkExprs ?? new Map() };
    if (id !== undefined) compiled.id = id;
    if (own.expr !== undefined) compiled.expr = own.expr;
    return compiled;
  };
  const answers: CompiledAnswer[] = [];
  if (spec.answer) answers.push(compileAnswer(spec.answer, ["answer"]));
  const ids = new Set<string>();
  spec.parts?.forEach((part, i) => {
    if (ids.has(part.id) || known.has(part.id))
      problems.push({ path: ["parts", i, "id"], message: `the id ${part.id} is already used` });
    answers.push(compileAnswer(part.answer, ["parts", i, "answer"], part.id));
    ids.add(part.id);
    known.add(part.id);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, exercise: { spec, params, answers, multiPart: spec.parts !== undefined } };
}

/**
 * Parses YAML (the body of an exercise shortcode) and compiles it; problems carry line and
 * column. `options.id` gives the exercise its id (the shortcode's `id`), which the YAML may
 * then leave out or must repeat exactly.
 */
export function compileExerciseYaml(
  text: string,
  options: { id?: string } = {},
): { ok: true; exercise: Exercise } | { ok: false; problems: SpecProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = lineCounter.linePos(e.pos[0]);
        // yaml says where in its own text ("at line 2, column 1:"); line and column carry that,
        // and the lesson reports it at the line of the file.
        const message = (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
        const lineText = text.split("\n")[at.line - 1] ?? "";
        return { path: [], message: message + quoteHint(lineText), line: at.line, column: at.col };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb (or another structure yaml refuses to expand).
    return {
      ok: false,
      problems: [{ path: [], message: error instanceof Error ? error.message : String(error), line: 1, column: 1 }],
    };
  }
  if (options.id !== undefined && data !== null && typeof data === "object" && !Array.isArray(data)) {
    const own = (data as { id?: unknown }).id;
    if (own !== undefined && own !== options.id) {
      const node = doc.get("id", true);
      const at = lineCounter.linePos(isScalar(node) && node.range ? node.range[0] : 0);
      return {
        ok: false,
        problems: [
          {
            path: ["id"],
            message: `id ${JSON.stringify(own)} differs from the shortcode's id ${JSON.stringify(options.id)}; leave it out`,
            line: at.line,
            column: at.col,
          },
        ],
      };
    }
    data = { ...data, id: options.id };
  }
  const result = compileExercise(data);
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((p) => {
      // The deepest node that exists on the path locates the problem.
      for (let depth = p.path.length; depth >= 0; depth--) {
        const node = doc.getIn(p.path.slice(0, depth), true);
        const range = (isMap(node) || isSeq(node) || isScalar(node) ? node.range : undefined) as
          | [number, number, number]
          | undefined;
        if (range) {
          const at = lineCounter.linePos(range[0]);
          // `expr: {x} + 1` or `solution: {{ A }}` is valid YAML that is not text: a mapping.
          // A language map ({ zh: …, en: … }) is meant as a mapping; `{x}` has a key without a value.
          const misread =
            depth === p.path.length &&
            ((isMap(node) &&
              node.flow === true &&
              node.items.some((pair) => !isScalar(pair.key) || pair.value === null)) ||
              (isSeq(node) && node.flow === true && p.message.includes("expected string")));
          const message = misread ? `${p.message}${FLOW_HINT}` : p.message;
          return { ...p, message, line: at.line, column: at.col };
        }
      }
      return p;
    }),
  };
}

/** What to do when YAML read a value as a flow mapping or list where text was meant. */
const FLOW_HINT =
  ': YAML read the { } or [ ] here as a mapping or list, not as text; quote the expression (expr: "…") or write it as a | block';

/** What to do about a YAML syntax error on a line whose value holds YAML's own punctuation. */
function quoteHint(lineText: string): string {
  const value = lineText.replace(/^\s*(?:-\s+)?[\w-]+:\s*/, "");
  return /[{}[\]#*&]|:\s/.test(value)
    ? ': a value with { } [ ] : # * or & in it must be quoted, as in expr: "…" (or written as a | block)'
    : "";
}

function zodProblems(error: z.ZodError): SpecProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((k) => (typeof k === "symbol" ? String(k) : k)),
    message: issue.message,
  }));
}

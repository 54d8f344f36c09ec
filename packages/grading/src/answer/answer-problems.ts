// The normalizer's problems, bilingual (zh/en) and placed in the learner's own input: each stage
// calls one of these where it finds something it cannot read, and normalizeAnswer turns the
// thrown AnswerFailure into an `{ ok: false, error }` result, so nothing escapes to the caller.

/** A bilingual, learner-facing sentence. */
export interface AnswerText {
  /** Simplified Chinese. */
  zh: string;
  /** English. */
  en: string;
}

/** Why an answer could not be normalized, located in the learner's own input. */
export interface AnswerSyntaxError {
  /** Index in the ORIGINAL input where the problem is. */
  at: number;
  /** How many original characters are involved (≥ 1, or 0 at the end of input). */
  length: number;
  /** Stable id such as "latex-unknown-command", "latex-unclosed-brace" or "too-long". */
  code: string;
  /** What is wrong. */
  message: AnswerText;
  /** How to fix it. */
  hint?: AnswerText;
}

/** Thrown by a stage with the problem it found; caught in normalizeAnswer and returned, never rethrown. */
export class AnswerFailure extends Error {
  constructor(readonly detail: AnswerSyntaxError) {
    super(detail.code);
  }
}

/** Stops the reading at a problem: `fail("too-deep", at, 1, message, hint)`. */
export function fail(code: string, at: number, length: number, message: AnswerText, hint?: AnswerText): never {
  throw new AnswerFailure(hint === undefined ? { at, length, code, message } : { at, length, code, message, hint });
}

/** How to write a matrix, for the problems a misused environment or & causes. */
export const MATRIX_HINT: AnswerText = {
  zh: "矩阵请用 bmatrix 或 pmatrix，例如 \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}。",
  en: "For a matrix use bmatrix or pmatrix, e.g. \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}.",
};

// Commands that have no meaning in an answer but a hint of their own (see unknownCommand).
const ELLIPSES = new Set(["dots", "ldots", "cdots", "vdots", "ddots"]);

const BRACE_HINT: AnswerText = { zh: "每个 { 都需要一个对应的 }。", en: "Every { needs a matching }." };

/** A { with no } after it. */
export function unclosedBrace(at: number): never {
  return fail(
    "latex-unclosed-brace",
    at,
    1,
    { zh: "这个 { 没有对应的 }。", en: "This { is never closed." },
    BRACE_HINT,
  );
}

/** A } with no { before it. */
export function unmatchedBrace(at: number): never {
  return fail(
    "latex-unmatched-brace",
    at,
    1,
    { zh: "这个 } 前面没有对应的 {。", en: "This } has no matching {." },
    BRACE_HINT,
  );
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** A backslash command the reader does not know, `s.slice(at, end)`, with a hint for \dots and \pm. */
export function unknownCommand(s: string, at: number, end: number): never {
  const cmd = shorten(s.slice(at, end));
  const name = cmd.slice(1);
  if (end - at === 1) {
    return fail(
      "latex-unknown-command",
      at,
      1,
      { zh: "这里多了一个反斜杠 \\。", en: "There is a stray backslash \\ here." },
      { zh: "LaTeX 命令是反斜杠加名字，例如 \\frac。", en: "A LaTeX command is a backslash and a name, e.g. \\frac." },
    );
  }
  let hint: AnswerText = {
    zh: "可以改用普通写法，例如 sqrt(2)、2*x、[[1, 2], [3, 4]]。",
    en: "Try plain notation instead, e.g. sqrt(2), 2*x, [[1, 2], [3, 4]].",
  };
  if (ELLIPSES.has(name)) {
    hint = { zh: "省略号没法计算，请把每一项都写出来。", en: "An ellipsis can't be evaluated: write every entry out." };
  } else if (name === "pm" || name === "mp") {
    hint = {
      zh: "± 代表两个结果，请把两个都写出来，例如 1, -1。",
      en: "± stands for two results: write both, e.g. 1, -1.",
    };
  }
  return fail(
    "latex-unknown-command",
    at,
    end - at,
    { zh: `不支持 LaTeX 命令 ${cmd}。`, en: `The LaTeX command ${cmd} is not supported.` },
    hint,
  );
}

const ARGUMENT_EXAMPLES = new Map([
  ...["frac", "dfrac", "tfrac", "cfrac"].map((n): [string, string] => [`\\${n}`, `\\${n}{1}{2}`]),
  ["\\sqrt", "\\sqrt{2}"],
  ["^", "x^{2}"],
]);

/** The command `s.slice(cmdAt, cmdEnd)` lacks its argument; the problem is at `at…end` (the command by default). */
export function missingArgument(s: string, cmdAt: number, cmdEnd: number, at = cmdAt, end = cmdEnd): never {
  const cmd = s.slice(cmdAt, cmdEnd);
  const example = ARGUMENT_EXAMPLES.get(cmd) ?? `${cmd}{x}`;
  return fail(
    "latex-missing-argument",
    at,
    end - at,
    { zh: `${cmd} 后面缺少内容。`, en: `${cmd} is missing its argument.` },
    { zh: `内容要用 { } 括起来，例如 ${example}。`, en: `Put it in braces, e.g. ${example}.` },
  );
}

/** \text{…} with words in it. */
export function textNotAllowed(at: number, end: number): never {
  return fail(
    "latex-text",
    at,
    end - at,
    { zh: "答案里不能有文字（\\text{…}）。", en: "Text (\\text{…}) can't be part of an answer." },
    { zh: "只写数学式子；变量名直接写字母即可。", en: "Write only the math; type variable names as plain letters." },
  );
}

/** An & outside a matrix, or inside a { } group within one (`insideEnvironment`). */
export function misplacedAmpersand(at: number, insideEnvironment: boolean): never {
  return fail(
    "latex-misplaced-ampersand",
    at,
    1,
    insideEnvironment
      ? { zh: "& 不能放在 { } 里面。", en: "& can't be inside a { } group." }
      : {
          zh: "& 只能在矩阵里使用，用来分隔同一行的元素。",
          en: "& can only be used inside a matrix, to separate the entries of a row.",
        },
    MATRIX_HINT,
  );
}

/** A \\ inside a { } group. */
export function misplacedLineBreak(at: number): never {
  return fail(
    "latex-misplaced-line-break",
    at,
    2,
    { zh: "换行 \\\\ 不能放在 { } 里面。", en: "A line break \\\\ can't be inside a { } group." },
    {
      zh: "矩阵换行的 \\\\ 要直接写在 \\begin 和 \\end 之间。",
      en: "Put the \\\\ that ends a matrix row directly between \\begin and \\end.",
    },
  );
}

/** A subscript with something other than letters and digits in it. */
export function badSubscript(at: number, length: number): never {
  return fail(
    "latex-bad-subscript",
    at,
    length,
    { zh: "下标里只能有字母和数字。", en: "A subscript can only contain letters and digits." },
    { zh: "例如 x_1、x_{ij}、d_{\\text{model}}。", en: "For example x_1, x_{ij}, d_{\\text{model}}." },
  );
}

/** vmatrix, Vmatrix or |matrix|, `name` as written: a determinant, not a matrix. */
export function determinant(at: number, end: number, name: string): never {
  return fail(
    "latex-determinant",
    at,
    end - at,
    { zh: `${name} 表示行列式，不是矩阵。`, en: `${name} denotes a determinant, not a matrix.` },
    {
      zh: "写矩阵请用 bmatrix 或 pmatrix；如果要填行列式的值，请直接写出这个数。",
      en: "For a matrix use bmatrix or pmatrix; if the determinant's value is asked for, enter that number.",
    },
  );
}

/** A \begin{name} with no \end{name}. */
export function unclosedEnvironment(beginAt: number, nameEnd: number, name: string): never {
  return fail(
    "latex-unclosed-environment",
    beginAt,
    nameEnd - beginAt,
    { zh: `\\begin{${name}} 没有对应的 \\end{${name}}。`, en: `\\begin{${name}} has no matching \\end{${name}}.` },
    {
      zh: `在最后加上 \\end{${name}}，并且不要让 { } 把 \\begin 和 \\end 隔开。`,
      en: `Add \\end{${name}} after the last entry, and don't let a { } group split the pair.`,
    },
  );
}

/** An \end{name} at `at` with no \begin before it; `env.next` is the index after its name. */
export function unexpectedEnd(at: number, env: { name: string; next: number }): never {
  return fail(
    "latex-unexpected-end",
    at,
    env.next - at,
    {
      zh: `这个 \\end{${env.name}} 前面没有对应的 \\begin{${env.name}}。`,
      en: `This \\end{${env.name}} has no matching \\begin{${env.name}}.`,
    },
    {
      zh: "\\begin 和 \\end 要成对出现，而且不能被 { } 隔开。",
      en: "\\begin and \\end come in pairs, and a { } group can't split them.",
    },
  );
}

/** \begin{name} closed by another environment's \end, at `endAt`. */
export function environmentMismatch(name: string, endAt: number, closing: { name: string; next: number }): never {
  return fail(
    "latex-environment-mismatch",
    endAt,
    closing.next - endAt,
    {
      zh: `\\begin{${name}} 应该用 \\end{${name}} 结束，这里却是 \\end{${closing.name}}。`,
      en: `\\begin{${name}} must end with \\end{${name}}, not \\end{${closing.name}}.`,
    },
    { zh: `把它改成 \\end{${name}}。`, en: `Change it to \\end{${name}}.` },
  );
}

/** A matrix cell with nothing in it, ended by the separator at `separatorAt`. */
export function emptyCell(cellStart: number, separatorAt: number, separatorLength: number): never {
  const blank = separatorAt > cellStart;
  return fail(
    "latex-empty-cell",
    blank ? cellStart : separatorAt,
    blank ? separatorAt - cellStart : separatorLength,
    { zh: "矩阵里有一个元素是空的。", en: "A matrix entry is empty." },
    {
      zh: "每个 & 的两边都要有元素，行末不要多写 &。",
      en: "Put an entry on both sides of every &, and don't end a row with &.",
    },
  );
}

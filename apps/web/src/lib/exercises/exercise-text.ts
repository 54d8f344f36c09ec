import type { Locale } from "@llm-basics/grading";
import type { PageAnswerError } from "@/lib/attempts/page";

/** The exercise UI's own words, in the page's language (Chinese unless the page is English). */
export interface ExerciseText {
  locale: Locale;
  exercise: string;
  submit: string;
  checking: string;
  newVariant: string;
  newVariantDone: string;
  variantFailed: string;
  /** While the learner's own numbers are on their way. */
  loading: string;
  /** Without JavaScript: why there is no form. */
  noScript: string;
  /** Printed in place of a prompt that had not arrived when the page was printed. */
  printNote: string;
  loadFailed: string;
  retry: string;
  part: (n: number) => string;
  answer: string;
  cell: (row: number, column: number) => string;
  entry: (index: number) => string;
  grid: (noun: string | undefined, rows: number, columns: number | undefined) => string;
  gridHelp: string;
  preview: string;
  previewEmpty: string;
  previewProblem: string;
  keypad: string;
  keys: { sqrt: string; power: string; fraction: string; pi: string; brackets: string; matrix: string; times: string };
  shapeAnswer: string;
  shapeHelp: string;
  multilineHelp: string;
  expressionHelp: (variables: string[]) => string;
  chooseOne: string;
  chooseSeveral: string;
  yes: string;
  no: string;
  status: Record<"correct" | "partial" | "incorrect" | "invalid", string>;
  score: (percent: number) => string;
  misconception: string;
  topics: Record<string, string>;
  invalidFree: string;
  wrongAttempts: (n: number) => string;
  solutionIn: (n: number) => string;
  emptyCells: (where: string) => string;
  emptyAnswer: string;
  emptyPart: (n: number) => string;
  cellProblem: (where: string, message: string, entry?: string) => string;
  hints: string;
  hint: (n: number) => string;
  newHint: string;
  solution: string;
  solutionShown: string;
  /** The heading over the learner's own variant drawn by a widget, shown with the solution. */
  yourVariantDrawn: string;
  marks: { right: string; wrong: string };
  errors: Record<PageAnswerError | "failed", string>;
}

const zh: ExerciseText = {
  locale: "zh",
  exercise: "练习",
  submit: "提交答案",
  checking: "正在判分…",
  newVariant: "换一题",
  newVariantDone: "已换成新的一题，数字变了。",
  variantFailed: "这道题的这组数字出了问题，无法显示。请换一题。",
  loading: "正在载入你的这道题…",
  printNote: "（这道题的数字因人而异，打印时还没有载入。用本课标题下的“打印”按钮，题目会一起打印。）",
  noScript: "作答需要启用 JavaScript：每位学习者的题目数字不同，由浏览器向服务器取得，答案也在服务器上判分。",
  loadFailed: "这道题没能载入（网络或服务器出了问题）。",
  retry: "重试",
  part: (n) => `第 ${n} 部分`,
  answer: "答案",
  cell: (row, column) => `第 ${row} 行，第 ${column} 列`,
  entry: (index) => `第 ${index} 个分量`,
  grid: (noun, rows, columns) =>
    columns === undefined
      ? `${noun ?? "答案"}：长度为 ${rows} 的向量`
      : `${noun ?? "答案"}：${rows} 行 ${columns} 列的矩阵`,
  gridHelp: "每格填一个数（可以写 1/3、sqrt(2)）。方向键在格子间移动；把整个矩阵粘贴到任一格会自动填满。",
  preview: "预览",
  previewEmpty: "输入后在这里显示公式。",
  previewProblem: "还不能读懂：",
  keypad: "插入符号",
  keys: {
    sqrt: "平方根",
    power: "乘方",
    fraction: "分数",
    pi: "圆周率 π",
    brackets: "方括号",
    matrix: "矩阵",
    times: "乘号 ×",
  },
  shapeAnswer: "形状",
  shapeHelp: "按轴的顺序写出每个轴的大小，例如 [2, 8, 10, 64] 或 2×8×10×64。",
  multilineHelp: "可以分多行书写；按 Ctrl+Enter 提交。",
  expressionHelp: (variables) => `可以使用的变量：${variables.join("、")}。`,
  chooseOne: "选择一个选项",
  chooseSeveral: "选择所有正确的选项",
  yes: "是",
  no: "否",
  status: { correct: "正确", partial: "部分正确", incorrect: "不正确", invalid: "无法读取答案" },
  score: (percent) => `得分 ${percent}%`,
  misconception: "常见错误",
  topics: {
    attention: "注意力",
    softmax: "softmax",
    "layer-norm": "层归一化",
    "feed-forward": "前馈网络",
    "multi-head-attention": "多头注意力",
    "tensor-shapes": "张量形状",
    "gradient-descent": "梯度下降",
    matrices: "矩阵",
  },
  invalidFree: "这次不计入尝试次数。",
  wrongAttempts: (n) => `已答错 ${n} 次。`,
  solutionIn: (n) => `再答错 ${n} 次后显示解答。`,
  emptyCells: (where) => `还有空格没有填写：${where}。`,
  emptyAnswer: "请先填写答案。",
  emptyPart: (n) => `第 ${n} 部分还没有作答。`,
  cellProblem: (where, message, entry) =>
    entry === undefined ? `${where}：${message}` : `${where}的“${entry}”读不懂：${message}`,
  hints: "提示",
  hint: (n) => `提示 ${n}`,
  newHint: "下方出现了一条新提示。",
  solution: "解答",
  solutionShown: "解答已显示在下方。",
  yourVariantDrawn: "你这道题的数，画出来",
  marks: { right: "正确", wrong: "错误" },
  errors: {
    "unknown-exercise": "找不到这道练习。请刷新页面。",
    "bad-input": "答案的格式不对（可能太长了）。",
    "rate-limited": "提交得太频繁了，请稍等一会儿再试。",
    "stale-variant": "这道题已经换过了（可能是在另一个标签页里，或者浏览器没有保存 Cookie）。请刷新页面。",
    "no-learner": "浏览器没有发来这个页面的 Cookie，所以不知道你做的是哪一组数字。请允许 Cookie 后刷新页面。",
    "too-many-guests": "你所在的网络刚刚有太多新学习者开始答题。请稍后再试，或先登录。",
    failed: "提交没有成功，请检查网络后再试。",
  },
};

const en: ExerciseText = {
  locale: "en",
  exercise: "Exercise",
  submit: "Check answer",
  checking: "Checking…",
  newVariant: "New variant",
  newVariantDone: "Here is a new variant with new numbers.",
  variantFailed:
    "This variant of the exercise cannot be shown (its numbers do not work out). Please take a new variant.",
  loading: "Loading your numbers for this exercise…",
  printNote:
    "(This exercise's numbers are each learner's own and had not loaded when the page was printed. The Print button under the lesson's title prints them too.)",
  noScript:
    "Answering needs JavaScript: every learner gets their own numbers, which the browser fetches from the server, and answers are graded on the server.",
  loadFailed: "This exercise could not be loaded (a network or server problem).",
  retry: "Try again",
  part: (n) => `Part ${n}`,
  answer: "Answer",
  cell: (row, column) => `row ${row}, column ${column}`,
  entry: (index) => `entry ${index}`,
  grid: (noun, rows, columns) =>
    columns === undefined
      ? `${noun ?? "Answer"}: a vector of length ${rows}`
      : `${noun ?? "Answer"}: a matrix with ${rows} rows and ${columns} columns`,
  gridHelp:
    "One number per cell (1/3 and sqrt(2) are fine). Arrow keys move between cells; paste a whole matrix into any cell to fill them all.",
  preview: "Preview",
  previewEmpty: "The formula appears here as you type.",
  previewProblem: "Cannot read this yet:",
  keypad: "Insert a symbol",
  keys: {
    sqrt: "square root",
    power: "power",
    fraction: "fraction",
    pi: "pi",
    brackets: "brackets",
    matrix: "matrix",
    times: "times sign ×",
  },
  shapeAnswer: "Shape",
  shapeHelp: "The size of each axis in order, as [2, 8, 10, 64] or 2×8×10×64.",
  multilineHelp: "You may use several lines; Ctrl+Enter checks the answer.",
  expressionHelp: (variables) => `Variables you can use: ${variables.join(", ")}.`,
  chooseOne: "Choose one option",
  chooseSeveral: "Choose every right option",
  yes: "Yes",
  no: "No",
  status: {
    correct: "Correct",
    partial: "Partly right",
    incorrect: "Not correct",
    invalid: "Could not read the answer",
  },
  score: (percent) => `score ${percent}%`,
  misconception: "Common mistake",
  topics: {
    attention: "attention",
    softmax: "softmax",
    "layer-norm": "layer norm",
    "feed-forward": "feed-forward",
    "multi-head-attention": "multi-head attention",
    "tensor-shapes": "tensor shapes",
    "gradient-descent": "gradient descent",
    matrices: "matrices",
  },
  invalidFree: "This did not use an attempt.",
  wrongAttempts: (n) => `Wrong attempts: ${n}.`,
  solutionIn: (n) => `The solution appears after ${n} more wrong ${n === 1 ? "attempt" : "attempts"}.`,
  emptyCells: (where) => `Some cells are empty: ${where}.`,
  emptyAnswer: "Type an answer first.",
  emptyPart: (n) => `Part ${n} has no answer yet.`,
  cellProblem: (where, message, entry) =>
    entry === undefined ? `${where}: ${message}` : `${where}: cannot read “${entry}”. ${message}`,
  hints: "Hints",
  hint: (n) => `Hint ${n}`,
  newHint: "A new hint is shown below.",
  solution: "Solution",
  solutionShown: "The solution is shown below.",
  yourVariantDrawn: "Your numbers, drawn",
  marks: { right: "right", wrong: "wrong" },
  errors: {
    "unknown-exercise": "This exercise no longer exists. Reload the page.",
    "bad-input": "The answer is not in a form that can be sent (it may be too long).",
    "rate-limited": "Too many answers in a short time; wait a moment and try again.",
    "stale-variant":
      "This exercise has changed (in another tab, or your browser did not keep its cookie). Reload the page.",
    "no-learner":
      "Your browser sent no cookie with this answer, so which numbers you answered is unknown. Allow cookies and reload the page.",
    "too-many-guests":
      "Too many new learners started answering from your network just now. Try again later, or sign in.",
    failed: "The answer could not be sent; check your connection and try again.",
  },
};

/** The exercise UI's words for a locale. */
export function exerciseText(locale: Locale): ExerciseText {
  return locale === "en" ? en : zh;
}

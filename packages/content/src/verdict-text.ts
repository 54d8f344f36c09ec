import type { Locale, Verdict, VerdictStatus } from "@llm-basics/grading";

const STATUS: Record<VerdictStatus, { mark: string; zh: string; en: string }> = {
  correct: { mark: "✓", zh: "正确", en: "correct" },
  partial: { mark: "◐", zh: "部分正确", en: "partial" },
  incorrect: { mark: "✗", zh: "不正确", en: "incorrect" },
  invalid: { mark: "!", zh: "无法识别", en: "invalid" },
};

const LABELS = {
  zh: { score: "得分", misconception: "误区", tolerance: "容差", part: "部分" },
  en: { score: "score", misconception: "misconception", tolerance: "tolerance", part: "part" },
} as const;

/**
 * A verdict as a terminal shows it: status and score, the message, the misconception, a ✓/✗
 * grid for vector and matrix answers, and for an unreadable answer the line it is on with a
 * caret under the problem. `answer` is what was typed (by part id for a multi-part exercise).
 */
export function verdictText(
  verdict: Verdict,
  answer: string | Readonly<Record<string, string>>,
  locale: Locale,
): string {
  const lines = verdictLines(verdict, typeof answer === "string" ? answer : undefined, locale);
  for (const part of verdict.parts ?? []) {
    const typed = typeof answer === "string" ? undefined : answer[part.id];
    lines.push("", `[${LABELS[locale].part} ${part.id}]`, ...verdictLines(part, typed, locale).map((l) => `  ${l}`));
  }
  return lines.join("\n");
}

function verdictLines(verdict: Verdict, typed: string | undefined, locale: Locale): string[] {
  const labels = LABELS[locale];
  const status = STATUS[verdict.status];
  const lines = [`${status.mark} ${status[locale]} · ${labels.score} ${formatScore(verdict.score)}`, verdict.message];
  if (verdict.misconception) {
    lines.push(`${labels.misconception}: ${verdict.misconception.id} (${verdict.misconception.topic})`);
  }
  if (verdict.cells) lines.push(...cellGrid(verdict.cells));
  if (verdict.problem && typed !== undefined) lines.push(...pointAt(typed, verdict.problem));
  if (verdict.status !== "invalid" && !verdict.parts)
    lines.push(`${labels.tolerance}: ${toleranceText(verdict.tolerance)}`);
  return lines;
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}

function toleranceText(tolerance: Verdict["tolerance"]): string {
  if ("sigfigs" in tolerance) return `${tolerance.sigfigs} significant figures`;
  return `|Δ| ≤ ${tolerance.atol}${tolerance.rtol > 0 ? ` + ${tolerance.rtol}·|expected|` : ""}`;
}

/** `[[true, false]]` → `["✓ ✗"]`; a vector is one row. */
function cellGrid(cells: boolean[] | boolean[][]): string[] {
  const rows = cells.every(Array.isArray) ? (cells as boolean[][]) : [cells as boolean[]];
  return rows.map((row) => `  ${row.map((ok) => (ok ? "✓" : "✗")).join(" ")}`);
}

/** The line of `text` holding the problem, and a caret under it (wide characters take two columns). */
function pointAt(text: string, problem: NonNullable<Verdict["problem"]>): string[] {
  const at = Math.min(Math.max(0, problem.at), text.length);
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const newline = text.indexOf("\n", at);
  // Tabs shown as one space, so the caret's column is the same in every terminal.
  const line = text
    .slice(lineStart, newline === -1 ? text.length : newline)
    .replace(/\r$/, "")
    .replaceAll("\t", " ");
  const before = displayWidth(text.slice(lineStart, at));
  const under = Math.max(1, displayWidth(text.slice(at, at + Math.max(1, problem.length))));
  return [`  ${line}`, `  ${" ".repeat(before)}${"^".repeat(under)} ${problem.code}`];
}

/** Terminal columns a text takes: CJK and full-width forms take two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f)) width += 0;
    else if (
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd)
    ) {
      width += 2;
    } else width += 1;
  }
  return width;
}

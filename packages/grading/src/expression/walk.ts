import type { Expr } from "./parser.ts";

/** Every name an expression reads (not function names). */
export function namesIn(expr: Expr): string[] {
  const out: string[] = [];
  walk(expr, (node) => {
    if (node.kind === "name") out.push(node.name);
  });
  return out;
}

/** Every function an expression calls. */
export function calleesIn(expr: Expr): string[] {
  const out: string[] = [];
  walk(expr, (node) => {
    if (node.kind === "call") out.push(node.callee);
  });
  return out;
}

/** Visits every node of a tree. */
export function walk(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case "unary":
    case "transpose":
      walk(expr.operand, visit);
      break;
    case "binary":
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case "call":
      for (const a of expr.args) walk(a, visit);
      break;
    case "member":
      walk(expr.object, visit);
      break;
    case "list":
      for (const row of expr.rows) for (const item of row) walk(item, visit);
      break;
  }
}

import type { Nodes, Paragraph, Parent, PhrasingContent, Root } from "mdast";
import type { InlineMath, Math as MathBlock } from "mdast-util-math";

/**
 * Hugo treats `$$ … $$` and `\[ … \]` as display math wherever they stand. The parser reads
 * the ones inside a paragraph as `inlineMath`; this turns each into a `math` block, splitting
 * the paragraph around it (the seed's one-line formulas inside list items).
 */
export function promoteDisplayMath(tree: Root, source: string): void {
  const visit = (parent: Parent): void => {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i] as Nodes;
      if (node.type === "paragraph" && node.children.some((child) => isDisplay(child, source))) {
        const replacement = splitParagraph(node, source);
        parent.children.splice(i, 1, ...(replacement as typeof parent.children));
        i += replacement.length - 1;
        continue;
      }
      if ("children" in node) visit(node as Parent);
    }
  };
  visit(tree);
}

/** True when an `inlineMath` node was opened by `$$` or `\[`. */
function isDisplay(node: PhrasingContent, source: string): node is InlineMath {
  if (node.type !== "inlineMath") return false;
  const start = node.position?.start.offset;
  if (start === undefined) return false;
  return source.startsWith("$$", start) || source.startsWith("\\[", start);
}

function splitParagraph(paragraph: Paragraph, source: string): Array<Paragraph | MathBlock> {
  const out: Array<Paragraph | MathBlock> = [];
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    trimEdges(run);
    if (run.length > 0) {
      const first = run[0];
      const last = run[run.length - 1];
      out.push({
        type: "paragraph",
        children: run,
        ...(first?.position && last?.position
          ? { position: { start: first.position.start, end: last.position.end } }
          : {}),
      });
    }
    run = [];
  };
  for (const child of paragraph.children) {
    if (isDisplay(child, source)) {
      flush();
      out.push({
        type: "math",
        value: child.value,
        meta: null,
        ...(child.position ? { position: child.position } : {}),
      });
    } else {
      run.push(child);
    }
  }
  flush();
  return out;
}

/** Drops the line breaks and spaces left at the edges of a paragraph fragment. */
function trimEdges(run: PhrasingContent[]): void {
  const first = run[0];
  if (first?.type === "text") {
    first.value = first.value.replace(/^\s+/, "");
    if (first.value === "") run.shift();
  } else if (first?.type === "break") run.shift();
  const last = run[run.length - 1];
  if (last?.type === "text") {
    last.value = last.value.replace(/\s+$/, "");
    if (last.value === "") run.pop();
  } else if (last?.type === "break") run.pop();
}

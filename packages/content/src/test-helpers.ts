import { MarkdownRenderer, type RenderedDocument } from "./pipeline.ts";

const renderers = new Map<boolean, MarkdownRenderer>();

/** Renders a snippet as `page.md`, where `/matrix_basics` and `/` are the only pages. */
export function renderSnippet(source: string, options: { singleDollar?: boolean } = {}): Promise<RenderedDocument> {
  const singleDollar = options.singleDollar ?? false;
  let renderer = renderers.get(singleDollar);
  if (!renderer) {
    renderer = new MarkdownRenderer({ math: { singleDollar } });
    renderers.set(singleDollar, renderer);
  }
  return renderer.render(source, {
    file: "page.md",
    resolveRef: (target) => {
      const [path = "", anchor] = target.split("#", 2);
      const hash = anchor ? `#${anchor}` : "";
      const clean = path.replace(/^\//, "").replace(/\/$/, "");
      if (clean === "") return { url: `/${hash}` };
      if (clean === "matrix_basics") return { url: `/matrix_basics/${hash}` };
      return { error: `no page "${target}"` };
    },
  });
}

/** The TeX sources KaTeX received, read back from the MathML annotations. */
export function annotations(html: string): string[] {
  return [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) =>
    (m[1] ?? "").replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"'),
  );
}

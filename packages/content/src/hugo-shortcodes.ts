import type { Code, PhrasingContent, RootContent } from "mdast";
import QRCode from "qrcode";
import { type AttributeValue, attributeProperties as attributePropertiesOf, parseAttributeList } from "./attributes.ts";
import { trustedProperties } from "./page-state.ts";
import type { ShortcodeCall, ShortcodeContext, ShortcodeDefinition, ShortcodeOutput } from "./shortcodes.ts";

// Hugo's built-in shortcodes (gohugo.io/shortcodes), written here from Hugo's documentation.
// Nothing they make asks another host for anything: videos, gists, posts and photos become a
// link card with the address, and a QR code is drawn here as an image in the page.

/** What the built-in shortcodes need from the site. */
export interface HugoShortcodeOptions {
  /** The pages' language (BCP 47), for the words a shortcode adds itself. */
  language: string;
  /** The site's `params` (Hugo configuration), for `param` after the page's own. */
  siteParams?: Readonly<Record<string, unknown>>;
}

/** An element the pipeline turns into HTML as it stands (hName), its attributes set past the sanitizer. */
function element(
  context: ShortcodeContext,
  tagName: string,
  properties: Record<string, unknown>,
  children: RootContent[] = [],
): RootContent {
  const hProperties = Object.keys(properties).length > 0 ? trustedProperties(context.nonce ?? "", properties) : {};
  return { type: "hugoElement", data: { hName: tagName, hProperties }, children } as unknown as RootContent;
}

const error = (message: string, rule = "shortcode-syntax"): ShortcodeOutput => ({ kind: "error", rule, message });

/** A URL a page may link to or load from this site: relative, or http(s)/mailto; never `javascript:`. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  if (trimmed === "") return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && !["http", "https", "mailto"].includes(scheme)) return undefined;
  return trimmed;
}

/** True for an address on another host (`https://…`, `//…`). */
function isExternal(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url);
}

/** Hugo's reading of a boolean parameter: true, "true" or 1. */
function truthy(value: string | undefined): boolean {
  return value === "true" || value === "1";
}

const words = {
  zh: {
    details: "详情",
    youtube: (what: string) => `在 YouTube 上观看：${what}`,
    vimeo: (what: string) => `在 Vimeo 上观看：${what}`,
    video: (id: string) => `视频 ${id}`,
    gist: (what: string) => `GitHub Gist：${what}`,
    x: (user: string) => `@${user} 在 X 上的帖子`,
    instagram: (id: string) => `Instagram 帖子 ${id}`,
  },
  en: {
    details: "Details",
    youtube: (what: string) => `Watch on YouTube: ${what}`,
    vimeo: (what: string) => `Watch on Vimeo: ${what}`,
    video: (id: string) => `video ${id}`,
    gist: (what: string) => `GitHub Gist: ${what}`,
    x: (user: string) => `Post by @${user} on X`,
    instagram: (id: string) => `Instagram post ${id}`,
  },
};

/** Hugo's built-in shortcodes, in the pages' language. */
export function hugoShortcodes(options: HugoShortcodeOptions): ShortcodeDefinition[] {
  const t = options.language.toLowerCase().startsWith("zh") ? words.zh : words.en;
  const card = (context: ShortcodeContext, kind: string, url: string, text: string): ShortcodeOutput => ({
    kind: "block",
    node: element(context, "div", { className: ["embed-card", `embed-${kind}`] }, [
      element(context, "a", { href: url, rel: ["noopener", "noreferrer"] }, [{ type: "text", value: text }]),
    ]),
  });
  const idOf = (call: ShortcodeCall): string | undefined => call.named.id ?? call.positional[0];

  return [
    {
      name: "figure",
      body: "none",
      render(call, context) {
        const p = call.named;
        const src = safeUrl(p.src);
        if (!src) return error('figure needs a src, a path or an http(s) address: {{< figure src="/images/a.png" >}}');
        const external = isExternal(src);
        const link = safeUrl(p.link);
        const alt = p.alt ?? (p.caption !== undefined ? p.caption.replace(/[*_`[\]]/g, "") : undefined);
        const image: Record<string, unknown> = { src };
        if (alt !== undefined) image.alt = alt;
        for (const name of ["width", "height"] as const) if (p[name] && /^\d+$/.test(p[name])) image[name] = p[name];
        if (p.loading === "lazy" || p.loading === "eager") image.loading = p.loading;
        const linkProperties: Record<string, unknown> = {};
        if (p.target && /^[\w-]+$/.test(p.target)) linkProperties.target = p.target;
        if (p.rel && /^[\w -]+$/.test(p.rel)) linkProperties.rel = p.rel.split(/\s+/);
        return {
          kind: "block",
          node: (tools) => {
            // An image on another host is not loaded: the figure links to it instead.
            const picture = external
              ? element(context, "a", { href: src, rel: ["noopener", "noreferrer"] }, [
                  { type: "text", value: alt || src },
                ])
              : element(context, "img", image);
            const linked =
              link && !external ? element(context, "a", { href: link, ...linkProperties }, [picture]) : picture;
            const caption: RootContent[] = [];
            if (p.title) caption.push(element(context, "h4", {}, [{ type: "text", value: p.title }]));
            if (p.caption !== undefined || p.attr !== undefined) {
              const text: RootContent[] = p.caption !== undefined ? tools.inline(p.caption) : [];
              if (p.attr !== undefined) {
                const attribution = tools.inline(p.attr);
                const attrlink = safeUrl(p.attrlink);
                if (text.length > 0) text.push({ type: "text", value: " " });
                text.push(...(attrlink ? [element(context, "a", { href: attrlink }, attribution)] : attribution));
              }
              caption.push({ type: "paragraph", children: text as PhrasingContent[] });
            }
            return element(context, "figure", p.class ? { className: p.class.split(/\s+/) } : {}, [
              linked,
              ...(caption.length > 0 ? [element(context, "figcaption", {}, caption)] : []),
            ]);
          },
          ...(external
            ? {
                problems: [
                  {
                    severity: "warning",
                    rule: "external-resource",
                    message: `figure src ${src} is on another host, which the course never loads from: the figure links to it instead (put the image under static/ or beside the page)`,
                    line: call.line,
                    column: call.column,
                  },
                ],
              }
            : {}),
        };
      },
    },
    {
      name: "highlight",
      body: "raw",
      render(call) {
        const language = (call.positional[0] ?? call.named.lang ?? "").toLowerCase();
        const optionText = call.positional[1] ?? call.named.options ?? "";
        const options = parseHighlightOptions(optionText);
        if ("error" in options) return error(options.error);
        const node: Code = {
          type: "code",
          lang: language === "" ? null : language,
          meta: null,
          value: (call.body ?? "").replace(/^[\r\n]+|[\r\n]+$/g, ""),
        };
        (node as { data?: unknown }).data = { codeOptions: options.values };
        return { kind: "block", node };
      },
    },
    {
      name: "details",
      body: "markdown",
      render(call, context) {
        const p = call.named;
        // Hugo's are named; themes that had their own details first (hugo-book) wrote
        // {{% details "Summary" open %}}, which means the same.
        const summary = p.summary ?? call.positional[0];
        const open = truthy(p.open) || call.positional.slice(1).includes("open");
        const properties: Record<string, unknown> = {};
        if (p.class) properties.className = p.class.split(/\s+/);
        if (p.name) properties.name = p.name;
        if (p.title) properties.title = p.title;
        if (open) properties.open = true;
        return {
          kind: "markdown",
          block: true,
          // A block always (`block: true`), so its content is the body's blocks.
          build: (content, _inline, tools) => [
            element(context, "details", properties, [
              element(context, "summary", {}, tools.inline(summary ?? t.details)),
              ...content,
            ]),
          ],
        };
      },
    },
    {
      name: "param",
      body: "none",
      render(call, context) {
        const key = call.positional[0] ?? call.named.name;
        if (!key) return error('param takes the name of a parameter: {{< param "author" >}}');
        const value = lookupParam(context.params ?? {}, key) ?? lookupParam(options.siteParams ?? {}, key);
        if (value === undefined || value === null || value === false || value === "" || typeof value === "object") {
          return error(
            `param "${key}" is in neither this page's front matter nor the site's params`,
            "param-not-found",
          );
        }
        return { kind: "text", value: String(value) };
      },
    },
    {
      name: "qr",
      body: "raw",
      render(call, context) {
        const p = call.named;
        const text = p.text ?? call.body?.trim();
        if (!text) return error('qr needs the text to encode: {{< qr text="https://example.org" />}}');
        const levels: Record<string, QRCode.QRCodeErrorCorrectionLevel> = {
          low: "L",
          medium: "M",
          quartile: "Q",
          high: "H",
        };
        const level = levels[(p.level ?? "medium").toLowerCase()];
        if (!level) return error(`qr level "${p.level}" is not one of low, medium, quartile, high`);
        const scale = Number(p.scale ?? 4);
        if (!Number.isInteger(scale) || scale < 2 || scale > 64)
          return error("qr scale is a whole number from 2 to 64");
        let svg: { data: string; size: number };
        try {
          svg = qrSvg(text, level);
        } catch (cause) {
          return error(`qr cannot encode this text: ${(cause as Error).message}`);
        }
        const properties: Record<string, unknown> = {
          src: `data:image/svg+xml;base64,${Buffer.from(svg.data).toString("base64")}`,
          width: String(svg.size * scale),
          height: String(svg.size * scale),
          alt: p.alt ?? text,
        };
        if (p.class) properties.className = p.class.split(/\s+/);
        if (p.id && /^\S+$/.test(p.id)) properties.id = p.id;
        if (p.title) properties.title = p.title;
        if (p.loading === "lazy" || p.loading === "eager") properties.loading = p.loading;
        return {
          kind: "block",
          node: { type: "paragraph", children: [element(context, "img", properties) as PhrasingContent] },
        };
      },
    },
    {
      name: "youtube",
      body: "none",
      render(call, context) {
        const id = idOf(call);
        if (!id || !/^[\w-]{6,20}$/.test(id))
          return error('youtube takes a video id: {{< youtube id="0RKpf3rK57I" >}}');
        const start = call.named.start && /^\d+$/.test(call.named.start) ? `&t=${call.named.start}s` : "";
        return card(
          context,
          "youtube",
          `https://www.youtube.com/watch?v=${id}${start}`,
          t.youtube(call.named.title ?? t.video(id)),
        );
      },
    },
    {
      name: "vimeo",
      body: "none",
      render(call, context) {
        const id = idOf(call);
        if (!id || !/^\d+$/.test(id)) return error('vimeo takes a video id, a number: {{< vimeo id="55073825" >}}');
        return card(context, "vimeo", `https://vimeo.com/${id}`, t.vimeo(call.named.title ?? t.video(id)));
      },
    },
    {
      name: "gist",
      body: "none",
      render(call, context) {
        const [user = call.named.user, id = call.named.id, file = call.named.file] = call.positional;
        if (!user || !id || !/^[\w-]+$/.test(user) || !/^\w+$/.test(id)) {
          return error("gist takes a user and a gist id: {{< gist jmooring 23932424365401ffa5e9d9810102a477 >}}");
        }
        const anchor = file ? `#file-${file.toLowerCase().replace(/[^\w]+/g, "-")}` : "";
        return card(
          context,
          "gist",
          `https://gist.github.com/${user}/${id}${anchor}`,
          t.gist(`${user}/${id}${file ? ` · ${file}` : ""}`),
        );
      },
    },
    ...["x", "twitter"].map(
      (name): ShortcodeDefinition => ({
        name,
        body: "none",
        render(call, context) {
          const user = call.named.user ?? call.positional[0];
          const id = call.named.id ?? call.positional[1];
          if (!user || !id || !/^\w{1,50}$/.test(user) || !/^\d+$/.test(id)) {
            return error(
              `${name} takes a user and a post id: {{< ${name} user="SanDiegoZoo" id="1453110110599868418" >}}`,
            );
          }
          return card(context, "x", `https://x.com/${user}/status/${id}`, t.x(user));
        },
      }),
    ),
    {
      name: "instagram",
      body: "none",
      render(call, context) {
        const id = idOf(call);
        if (!id || !/^[\w-]+$/.test(id)) return error("instagram takes a post id: {{< instagram CxOWiQNP2MO >}}");
        return card(context, "instagram", `https://www.instagram.com/p/${id}/`, t.instagram(id));
      },
    },
    {
      // Not Hugo's own: hugo-book's and other math themes' `katex`, a formula, as this site renders every formula.
      name: "katex",
      body: "raw",
      render(call) {
        const tex = (call.body ?? "").trim();
        if (tex === "") return error("katex needs the formula between {{< katex >}} and {{< /katex >}}");
        const bodyStart = call.bodyOffset ?? call.offset;
        // Offsets as if the formula were written \( … \): two characters before the TeX.
        const position = {
          start: { line: call.line, column: call.column, offset: bodyStart - 2 },
          end: { line: call.line, column: call.column, offset: call.bodyEndOffset ?? bodyStart },
        };
        const display = truthy(call.named.display) || call.positional.includes("display");
        return {
          kind: "inline",
          node: { type: "inlineMath", value: tex, position },
          ...(display ? { block: { type: "math", value: tex, position } as RootContent } : {}),
        };
      },
    },
    {
      name: "comment",
      body: "raw",
      render: () => ({ kind: "text", value: "" }),
    },
  ];
}

/** `.Param`'s lookup: a key (case does not matter), dotted keys into maps (`author.name`). */
export function lookupParam(params: Readonly<Record<string, unknown>>, key: string): unknown {
  let current: unknown = params;
  for (const part of key.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    const entries = Object.entries(current as Record<string, unknown>);
    const found = entries.find(([k]) => k === part) ?? entries.find(([k]) => k.toLowerCase() === part.toLowerCase());
    current = found?.[1];
  }
  if (current === undefined && !key.includes(".") && params.params && typeof params.params === "object") {
    // Hugo 0.123+: front matter may group a page's own parameters under `params`.
    return lookupParam(params.params as Record<string, unknown>, key);
  }
  return current;
}

/**
 * `highlight`'s options, `"linenos=table, hl_lines=3 6-8, linenostart=199"`: comma-separated
 * `key=value` (Hugo's syntax), the same options a code fence takes as `{linenos=true}`.
 */
export function parseHighlightOptions(text: string): { values: Map<string, AttributeValue> } | { error: string } {
  const values = new Map<string, AttributeValue>();
  for (const piece of text.split(",")) {
    const item = piece.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq <= 0) return { error: `highlight option "${item}" is not key=value, e.g. "linenos=table, hl_lines=3 6-8"` };
    values.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  return { values };
}

/** Code-fence attributes: `go {linenos=true, hl_lines=[2, "5-7"]}` → language and options. */
export function parseFenceInfo(
  lang: string | null | undefined,
  meta: string | null | undefined,
): { language: string | null; values?: Map<string, AttributeValue>; invalid?: string } {
  const info = [lang ?? "", meta ?? ""].join(" ").trim();
  const open = info.indexOf("{");
  if (open === -1) return { language: lang ?? null };
  const language = info.slice(0, open).trim().split(/\s+/)[0] || null;
  const close = info.lastIndexOf("}");
  const text = close > open ? info.slice(open, close + 1) : info.slice(open);
  const list = parseAttributeList(text);
  if (!list) return { language, invalid: text };
  const values = new Map(list.values);
  if (list.id !== undefined) values.set("id", list.id);
  if (list.classes.length > 0) values.set("class", list.classes.join(" "));
  return { language, values };
}

/** A QR code as an SVG image with a quiet zone of four modules; `size` in modules. */
function qrSvg(text: string, level: QRCode.QRCodeErrorCorrectionLevel): { data: string; size: number } {
  const code = QRCode.create(text, { errorCorrectionLevel: level });
  const n = code.modules.size;
  const quiet = 4;
  const size = n + 2 * quiet;
  let path = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; ) {
      if (!code.modules.get(y, x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && code.modules.get(y, x + run)) run++;
      path += `M${x + quiet} ${y + quiet}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return {
    data: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`,
    size,
  };
}

/** Highlighting options Hugo has that change nothing here (Chroma's styles, anchors, tab width). */
const IGNORED_CODE_OPTIONS = new Set([
  "style",
  "noclasses",
  "tabwidth",
  "guesssyntax",
  "anchorlinenos",
  "lineanchors",
  "linenumbersintable",
  "nohl",
  "hl_inline",
  "wrapperclass",
  "codefences",
]);

/**
 * The data attributes a code block's options become (`linenos`, `linenostart`, `hl_lines`),
 * read by the highlighter, and its other attributes (`{title="main.go" .wide}`).
 */
export function codeBlockProperties(values: ReadonlyMap<string, AttributeValue>): {
  properties: Record<string, unknown>;
  problems: string[];
} {
  const properties: Record<string, unknown> = {};
  const problems: string[] = [];
  const attributes = new Map<string, AttributeValue>();
  for (const [rawName, value] of values) {
    const name = rawName.toLowerCase();
    if (name === "linenos") {
      if (value === true || value === "true" || value === "table" || value === "inline")
        properties.dataLineNumbers = "";
      else if (value !== false && value !== "false")
        problems.push(`linenos is true, false, table or inline, not ${String(value)}`);
    } else if (name === "linenostart") {
      const start = Number(value);
      if (Number.isInteger(start) && start >= 0) properties.dataLineStart = String(start);
      else problems.push(`linenostart is a whole number, not ${String(value)}`);
    } else if (name === "hl_lines") {
      const lines = highlightedLines(value);
      if (lines) properties.dataHighlightLines = lines.join(" ");
      else problems.push(`hl_lines lists lines and ranges, like "2 5-7" or [2, "5-7"], not ${JSON.stringify(value)}`);
    } else if (!IGNORED_CODE_OPTIONS.has(name)) attributes.set(rawName, value);
  }
  if (attributes.size > 0) {
    const list = { classes: [] as string[], values: attributes };
    const { properties: own, dropped } = attributePropertiesOf(list);
    Object.assign(properties, own);
    if (dropped.length > 0)
      problems.push(
        `${dropped.join(", ")} left out: a code block may set id, class, title, lang, dir, data-* and aria-*`,
      );
  }
  return { properties, problems };
}

/** `"2 5-7"` or `[2, "5-7"]` → [2, 5, 6, 7]; undefined when it is neither. */
function highlightedLines(value: AttributeValue): number[] | undefined {
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/);
  const lines: number[] = [];
  for (const item of items) {
    if (item === "") continue;
    const match = /^(\d+)(?:-(\d+))?$/.exec(item.trim());
    if (!match) return undefined;
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (to < from || to - from > 10000) return undefined;
    for (let n = from; n <= to; n++) lines.push(n);
  }
  return lines;
}

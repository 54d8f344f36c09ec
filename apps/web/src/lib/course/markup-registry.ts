// The lesson's HTML reaches the browser once, inside the document, and not a second time inside
// the RSC payload that Next puts beside it (which would repeat every prop a server component
// gives a client component). The lesson view keeps each segment's markup here, on the server,
// under a short key; components/static-html.tsx, rendered from the payload with only the key,
// takes the markup from here when it is rendered to HTML on the server. Both run in the same
// server process, once per page render; the module is bundled once per layer, so the map lives
// on globalThis.

const REGISTRY = Symbol.for("llm-basics.static-markup");

function registry(): Map<string, string> {
  const holder = globalThis as { [REGISTRY]?: Map<string, string> };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** Keeps `html` under `key` (a page's URL and the segment's index) for the server render. */
export function keepMarkup(key: string, html: string): void {
  registry().set(key, html);
}

/** The markup kept under `key`, on the server; undefined in the browser or when none was kept. */
export function keptMarkup(key: string): string | undefined {
  return registry().get(key);
}

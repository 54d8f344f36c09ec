import type { IncomingHttpHeaders } from "node:http";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

// Requests the production server (server/main.ts) answers itself, before Next.js sees them:
// each is the client's mistake, and left to Next.js each was a 500 "Internal Server Error".

/** Why a request is refused: its status, a code for the API's JSON, a sentence, and `Allow` for a 405. */
export interface Refusal {
  status: 400 | 405;
  code: string;
  message: string;
  allow?: string;
}

/** What the site's pages answer to; the API's routes each say their own (405 with Allow). */
export const PAGE_METHODS = "GET, HEAD, POST, OPTIONS";

/** The request line and headers of a request, as Node gives them. */
export interface RequestHead {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}

/**
 * What is wrong with a request Next.js would fail on, or undefined to pass it on:
 * `requestRefusal({ method: "GET", url: "/%E0%A4%A/", headers: {} })` → a 400 `malformed-url`.
 */
export function requestRefusal({ method, url = "/", headers }: RequestHead): Refusal | undefined {
  // The fetch standard forbids these methods, so Next.js cannot make a Request of them.
  if (method === "TRACE" || method === "TRACK" || method === "CONNECT") return methodNotAllowed(method);
  // `*` (OPTIONS * asks about the server as a whole) and other targets that are not a path.
  if (!url.startsWith("/"))
    return { status: 400, code: "malformed-url", message: "the request target must be a path starting with /" };
  if (!decodes(url.split("?", 1)[0] ?? "/"))
    return { status: 400, code: "malformed-url", message: "the URL's path has a malformed %-escape" };
  // Sent by the app's own pages when they navigate; a page asked with one that is not a router
  // state (a tampered or truncated header) cannot be rendered. Checked as Next.js itself does.
  const routerState = headers["next-router-state-tree"];
  if (routerState !== undefined) {
    try {
      parseAndValidateFlightRouterState(routerState);
    } catch {
      return {
        status: 400,
        code: "malformed-header",
        message: "the Next-Router-State-Tree header is not a router state; reload the page",
      };
    }
  }
  return undefined;
}

/** A 405 for `method`, naming the methods the pages answer to. */
export function methodNotAllowed(method: string): Refusal {
  return {
    status: 405,
    code: "method-not-allowed",
    message: `${method} is not allowed here; use ${PAGE_METHODS}`,
    allow: PAGE_METHODS,
  };
}

/** Whether a path's %-escapes are UTF-8 (decodeURIComponent throws on `%FF`, `%E0%A4%A`). */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The status line, headers and body of a refusal, in the API's JSON under /api/, as text elsewhere. */
export function refusalResponse(
  refusal: Refusal,
  url = "/",
): { status: number; headers: Record<string, string>; body: string } {
  const api = url.startsWith("/api/");
  const body = api
    ? JSON.stringify({ error: { code: refusal.code, message: refusal.message } })
    : `${refusal.status === 405 ? "Method Not Allowed" : "Bad Request"}: ${refusal.message}\n`;
  return {
    status: refusal.status,
    headers: {
      "content-type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      "cache-control": "no-store",
      ...(refusal.allow ? { allow: refusal.allow } : {}),
    },
    body,
  };
}

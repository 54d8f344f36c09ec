import { localeOfPath } from "@/lib/i18n";

// Before Next decodes a POST to a page (a server action, or a form posted without JavaScript):
// a request from another site, a body past the limit, or a body Next cannot decode is refused
// here with 403 / 413 / 400 and a sentence saying why. Left to Next, each is a 500.

/** Next's own limit on a server action's body (experimental.serverActions.bodySizeLimit). */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;

const WORDS = {
  zh: {
    foreign: "403 · 拒绝：这个请求来自另一个网站。请在本站的页面上提交。",
    tooLarge: `413 · 请求体太大：最多 ${MAX_ACTION_BODY_BYTES.toLocaleString("en")} 字节。`,
    malformed: "400 · 请求体无法解析。请刷新页面后重新提交。",
    noLength: "411 · 请求缺少 Content-Length。请在本站的页面上提交。",
  },
  en: {
    foreign: "403 · Refused: this request comes from another site. Submit it from a page of this site.",
    tooLarge: `413 · The body is too large: at most ${MAX_ACTION_BODY_BYTES.toLocaleString("en")} bytes.`,
    malformed: "400 · The body cannot be read. Reload the page and submit again.",
    noLength: "411 · The request has no Content-Length. Submit it from a page of this site.",
  },
};

/**
 * A refusal for a POST to a page that Next would fail on, or undefined for one it can decode:
 * a cross-site Origin (403), a body declared over `MAX_ACTION_BODY_BYTES` (413), an action or
 * form body of undeclared length (411), an action body that is not JSON or a form that is not
 * valid multipart (400).
 */
export async function refuseUndecodablePost(request: Request): Promise<Response | undefined> {
  const words = WORDS[localeOfPath(new URL(request.url).pathname)];
  if (foreignOrigin(request)) return refusal(403, words.foreign);
  const length = request.headers.get("content-length");
  if (Number(length ?? 0) > MAX_ACTION_BODY_BYTES) {
    // Read to its end first (Next copies at most 10 MB of a body for the proxy, and reads the
    // rest itself): answered while the body is still arriving, the connection would be closed
    // with bytes unread, and the client would see it reset instead of this answer.
    await drain(request);
    return refusal(413, words.tooLarge);
  }
  const type = request.headers.get("content-type") ?? "";
  const isAction = request.headers.has("next-action");
  const isForm = /^multipart\/form-data/i.test(type);
  if (!isAction && !isForm) return undefined;
  // Browsers say how long a form or an action's body is; a body of unknown length would have
  // to be read to its end here (Next keeps its own copy), however long it is.
  if (length === null) return refusal(411, words.noLength);
  const body = new Uint8Array(await request.clone().arrayBuffer());
  if (isForm) {
    try {
      await new Response(body, { headers: { "content-type": type } }).formData();
    } catch {
      return refusal(400, words.malformed);
    }
  } else if (/^text\/plain/i.test(type)) {
    try {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch {
      return refusal(400, words.malformed);
    }
  }
  return undefined;
}

/**
 * Whether a request names an Origin other than the host it was sent to (as Next compares them);
 * an opaque origin ("null": a sandboxed frame, a redirect from elsewhere) is foreign too. A
 * request without an Origin is not.
 */
export function foreignOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return origin !== null && hostOf(origin) !== host;
}

/** Reads a body and drops it. */
async function drain(request: Request): Promise<void> {
  const reader = request.body?.getReader();
  if (!reader) return;
  while (!(await reader.read()).done) {}
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function refusal(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

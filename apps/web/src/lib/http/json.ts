import type { Locale } from "@llm-basics/grading";
import type { z } from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";

/** A message in each language of the API: `{ en: "…", zh: "…" }`. */
export type Said = Readonly<Record<Locale, string>>;

/** `said("the body is empty", "请求体是空的")`. */
export function said(en: string, zh: string): Said {
  return { en, zh };
}

/** What an error says about one field: the field, and the message in each language. */
export interface FieldIssue {
  field: string;
  message: Said;
}

/**
 * A failed API request: the status and the JSON error body a client gets, its message in
 * every language (`message` is the English one, for logs and tests).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly said: Said,
    readonly details: { field?: string; position?: number; issues?: FieldIssue[] } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(said.en);
  }

  /**
   * `{ error: { code, message, field?, position?, issues? } }`, the shape of every API error,
   * with its messages in `locale`.
   */
  body(locale: Locale = "en"): { error: Record<string, unknown> } {
    const { issues, ...details } = this.details;
    return {
      error: {
        code: this.code,
        message: this.said[locale],
        ...details,
        ...(issues ? { issues: issues.map((issue) => ({ field: issue.field, message: issue.message[locale] })) } : {}),
      },
    };
  }
}

/**
 * The language an API request's errors are written in: its `?locale=` when that is one of the
 * API's languages, else the first of them its Accept-Language prefers, else English. A body's
 * own `locale` field overrides this once the body is read (see handler.ts).
 */
export function requestLocale(request: Request): Locale {
  const query = new URL(request.url).searchParams.get("locale");
  if (query === "zh" || query === "en") return query;
  return acceptedLocale(request.headers.get("accept-language")) ?? "en";
}

/**
 * The API language an Accept-Language header (RFC 9110) prefers: `zh-CN,zh;q=0.9,en;q=0.8`
 * → "zh", `fr, en;q=0.5` → "en"; undefined when it names neither (or refuses both with q=0).
 */
export function acceptedLocale(header: string | null): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const range of header.slice(0, 1000).split(",")) {
    const [tag = "", ...parameters] = range.split(";").map((part) => part.trim());
    const primary = tag.toLowerCase().split("-")[0];
    if (primary !== "zh" && primary !== "en") continue;
    const qParameter = parameters.find((p) => /^q\s*=/i.test(p));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(qParameter.indexOf("=") + 1));
    if (!(q > 0 && q <= 1)) continue;
    if (!best || q > best.q) best = { locale: primary, q };
  }
  return best?.locale;
}

/** A JSON response that no cache keeps (verdicts and rate limit headers are per request). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** `["answers", 3, "seed"]` → `answers[3].seed`, as the error messages name fields. */
export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  let name = "";
  for (const key of path) {
    if (typeof key === "number") name += `[${key}]`;
    else name += name === "" ? String(key) : `.${String(key)}`;
  }
  return name;
}

// The Chinese of the messages schemas give zod (`{ error: schemaMessage(en, zh) }`), by their English.
const schemaMessagesInChinese = new Map<string, string>();

/**
 * A schema's own error message, in English for zod, with its Chinese kept for parseOrThrow:
 * `z.int({ error: schemaMessage("expected an integer", "应为整数") })`.
 */
export function schemaMessage(en: string, zh: string): string {
  schemaMessagesInChinese.set(en, zh);
  return en;
}

// zod's own messages in Chinese, for the issues no schema words itself.
const zodInChinese = zhCN().localeError;

/**
 * Validates with a zod schema, or throws a 400 that names the first wrong field
 * (`answers[3].seed: expected an integer 0 … 2147483647`) and lists up to 10, in each language.
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, code: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The same value fails the same way with zod's Chinese messages: issue i is the same issue.
  const inChinese = schema.safeParse(value, { error: zodInChinese }).error?.issues ?? [];
  const issues: FieldIssue[] = result.error.issues.slice(0, 10).map((issue, i) => ({
    field: issueField(issue),
    message: said(issue.message, schemaMessagesInChinese.get(issue.message) ?? inChinese[i]?.message ?? issue.message),
  }));
  const first = issues[0] ?? { field: "", message: said("invalid", "无效") };
  const [where, whereZh] = first.field === "" ? ["", ""] : [`${first.field}: `, `${first.field}：`];
  throw new ApiError(400, code, said(`${where}${first.message.en}`, `${whereZh}${first.message.zh}`), {
    ...(first.field === "" ? {} : { field: first.field }),
    ...(issues.length > 1 ? { issues } : {}),
  });
}

/** The field an issue is about; an unknown key's own name, not the object holding it. */
function issueField(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) {
    return fieldName([...issue.path, issue.keys[0] as string]);
  }
  return fieldName(issue.path);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON request body of at most `maxBytes`: 415 unless it is declared JSON, 413 as soon
 * as it is longer (a Content-Length is not taken on trust: the bytes are counted as they
 * arrive), 400 for bytes that are not UTF-8 or text that is not JSON (with the character
 * position where parsing stopped).
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
  received: (bytes: number) => void = () => {},
): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (type === null || !JSON_TYPE.test(type)) {
    const got = type ? type.split(";")[0] : undefined;
    throw new ApiError(
      415,
      "unsupported-media-type",
      said(
        `send the body as JSON with Content-Type: application/json${got ? ` (got ${got})` : ""}`,
        `请以 JSON 发送请求体，并带上 Content-Type: application/json${got ? `（收到的是 ${got}）` : ""}`,
      ),
    );
  }
  const tooLarge = () =>
    new ApiError(
      413,
      "body-too-large",
      said(
        `the body is larger than ${maxBytes.toLocaleString("en")} bytes`,
        `请求体超过了 ${maxBytes.toLocaleString("en")} 字节`,
      ),
    );
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge();
  const bytes = await readAtMost(request, maxBytes);
  if (bytes === undefined) throw tooLarge();
  received(bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid-json", said("the body is not valid UTF-8", "请求体不是有效的 UTF-8"));
  }
  const tooDeep = nestingBeyond(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    throw new ApiError(
      400,
      "invalid-json",
      said(
        `the body nests arrays and objects more than ${MAX_JSON_DEPTH} deep (at character ${tooDeep + 1}); no request needs that`,
        `请求体里数组和对象嵌套超过 ${MAX_JSON_DEPTH} 层（在第 ${tooDeep + 1} 个字符处）；没有哪个请求需要这么深`,
      ),
      { position: tooDeep },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = text.trim() === "" ? 0 : Number(/position (\d+)/.exec(reason)?.[1] ?? Number.NaN);
    throw new ApiError(
      400,
      "invalid-json",
      text.trim() === ""
        ? said("the body is empty; send a JSON object", "请求体是空的；请发送一个 JSON 对象")
        : said(
            `the body is not JSON: ${reason}`,
            Number.isFinite(position)
              ? `请求体不是 JSON：第 ${position + 1} 个字符处无法继续解析（${reason}）`
              : `请求体不是 JSON（${reason}）`,
          ),
      Number.isFinite(position) ? { position } : {},
    );
  }
}

/** Deeper JSON than any request of this API has (a multi-part batch answer is 4 deep). */
export const MAX_JSON_DEPTH = 16;

/**
 * Where a JSON text first nests brackets more than `limit` deep (outside strings), or
 * undefined. One linear pass, so a body nested millions deep is refused before `JSON.parse`
 * spends seconds on it.
 */
export function nestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** The body's bytes, or undefined once more than `maxBytes` have arrived. */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      // Stop reading; what is left is discarded by the server without being kept.
      reader.releaseLock();
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

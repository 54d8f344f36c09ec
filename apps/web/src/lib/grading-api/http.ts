import type { z } from "zod";

/** A failed API request: the status and the JSON error body a client gets. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field?: string; position?: number; issues?: Array<{ field: string; message: string }> } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** `{ error: { code, message, field?, position?, issues? } }`, the shape of every API error. */
  body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
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

/**
 * Validates with a zod schema, or throws a 400 that names the first wrong field
 * (`answers[3].seed: expected an integer 0 … 2147483647`) and lists up to 10.
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, code: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 10)
    .map((issue) => ({ field: issueField(issue), message: issue.message }));
  const first = issues[0] ?? { field: "", message: "invalid" };
  const where = first.field === "" ? "" : `${first.field}: `;
  throw new ApiError(400, code, `${where}${first.message}`, {
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
    throw new ApiError(
      415,
      "unsupported-media-type",
      `send the body as JSON with Content-Type: application/json${type ? ` (got ${type.split(";")[0]})` : ""}`,
    );
  }
  const tooLarge = () =>
    new ApiError(413, "body-too-large", `the body is larger than ${maxBytes.toLocaleString("en")} bytes`);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge();
  const bytes = await readAtMost(request, maxBytes);
  if (bytes === undefined) throw tooLarge();
  received(bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid-json", "the body is not valid UTF-8");
  }
  const tooDeep = nestingBeyond(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    throw new ApiError(
      400,
      "invalid-json",
      `the body nests arrays and objects more than ${MAX_JSON_DEPTH} deep (at character ${tooDeep + 1}); no request needs that`,
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
      text.trim() === "" ? "the body is empty; send a JSON object" : `the body is not JSON: ${reason}`,
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

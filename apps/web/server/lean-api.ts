import type { IncomingMessage, ServerResponse } from "node:http";
import { POST as answer } from "@/app/api/answer/route";
import { POST as gradeOne } from "@/app/api/v1/exercises/[id]/grade/route";
import { POST as gradeBatch } from "@/app/api/v1/grade/route";
import { MAX_BATCH_BODY_BYTES } from "@/lib/grading-api/schemas";
import { peerHeaders } from "@/lib/http/client-address";
import { ApiError, jsonResponse, requestLocale, said } from "@/lib/http/json";

// The lesson page's answers (POST /api/answer) and the grading API's two POSTs, served beside
// Next.js by the same process without its request pipeline (routing, rendering context, response
// adaptation), which cost more than grading an answer (bench/attempts.ts). The route modules are
// Next's own: the same code answers whether Next or this handler takes the request, and every
// other method, path and page still goes to Next.

type Handler = (request: Request) => Promise<Response>;

const GRADE_ONE = /^\/api\/v1\/exercises\/([^/]+)\/grade\/?$/;
const GRADE_BATCH = /^\/api\/v1\/grade\/?$/;
const ANSWER = /^\/api\/answer\/?$/;

/** The lean handler for a request, or undefined when Next.js should take it. */
export function leanRoute(req: IncomingMessage): Handler | undefined {
  if (req.method !== "POST" || !req.url?.startsWith("/api/")) return undefined;
  const pathname = req.url.split("?", 1)[0] ?? "";
  if (ANSWER.test(pathname)) return (request) => answer(request);
  if (GRADE_BATCH.test(pathname)) return (request) => gradeBatch(request);
  const one = GRADE_ONE.exec(pathname);
  if (!one?.[1]) return undefined;
  // The server has refused paths that do not decode (server/main.ts).
  const id = decodeURIComponent(one[1]);
  return (request) => gradeOne(request, { params: Promise.resolve({ id }) });
}

/**
 * The most of a body read before its route sees it: the largest any of these routes takes (the
 * batch's 12 MiB), and a little more, so a route can tell a body past its cap.
 */
const MAX_BODY_BYTES = MAX_BATCH_BODY_BYTES + 1024;

/**
 * Reads a request's body, at most `max` bytes (and says whether there was more). Read to its end
 * before the route answers: answered while the client is still sending, a refused body (a 413)
 * would leave bytes unread, and the client would see its connection reset instead of the answer.
 */
function readBody(req: IncomingMessage, max: number): Promise<{ body: Buffer; more: boolean } | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      if (bytes + chunk.byteLength > max) {
        chunks.push(chunk.subarray(0, max - bytes));
        bytes = max;
        req.off("data", onData);
        req.pause();
        resolve({ body: Buffer.concat(chunks), more: true });
        return;
      }
      chunks.push(chunk);
      bytes += chunk.byteLength;
    };
    req.on("data", onData);
    req.once("end", () => resolve({ body: Buffer.concat(chunks), more: false }));
    // The client went away before the end of its body: there is no one to answer.
    req.once("error", () => resolve(undefined));
    req.once("close", () => {
      if (!req.complete) resolve(undefined);
    });
  });
}

/** A Node request, its body read, as the Request a route handler takes. */
function webRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  // Set by this server from the socket, never by the client (lib/http/client-address.ts).
  const peer = peerHeaders(req);
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    if (!Object.hasOwn(peer, name.toLowerCase())) headers.append(name, req.rawHeaders[i + 1] as string);
  }
  for (const [name, value] of Object.entries(peer)) headers.set(name, value);
  return new Request(new URL(req.url ?? "/", "http://localhost"), {
    method: req.method,
    headers,
    body: new Uint8Array(body),
  });
}

/** Answers `req` with `handler`; a failure of the handler itself is a 500 in the API's JSON shape. */
export async function serveLean(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A body declared past every route's cap is not read at all: the route refuses it by its
  // length, and the connection is closed after the answer.
  const declared = Number(req.headers["content-length"] ?? 0);
  const read = declared > MAX_BODY_BYTES ? { body: Buffer.alloc(0), more: true } : await readBody(req, MAX_BODY_BYTES);
  if (!read) {
    req.socket.destroy();
    return;
  }
  const { body, more } = read;
  const request = webRequest(req, body);
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    console.error("grading API:", error);
    const failed = said("the server failed; try again later", "服务器出错了；请稍后重试");
    response = jsonResponse(500, new ApiError(500, "internal-error", failed).body(requestLocale(request)));
  }
  const answer = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Set-Cookie may come more than once (a new guest's session and visitor id).
  const cookies = response.headers.getSetCookie();
  headers["content-length"] = String(answer.byteLength);
  if (more) headers.connection = "close";
  res.writeHead(response.status, { ...headers, ...(cookies.length > 0 ? { "set-cookie": cookies } : {}) });
  res.end(answer);
  if (more) {
    // The rest of the body is read and dropped while the connection closes (a reset would reach
    // the client before the answer it has not read yet), for ten seconds at the most.
    res.once("finish", () => {
      req.resume();
      req.socket.end();
      setTimeout(() => req.socket.destroy(), 10_000).unref();
    });
  }
}

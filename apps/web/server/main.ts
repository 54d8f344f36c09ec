import { createServer, type IncomingMessage, Server, type ServerResponse, STATUS_CODES } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

// The production server (`pnpm start`, `npm start` at the root): one process, one port. Pages,
// server actions and every other route are Next.js's; the answer routes (the lesson page's
// POST /api/answer and the grading API's POSTs) take the lean handler beside it
// (server/lean-api.ts), and the prerendered pages and the build's assets are sent from memory,
// compressed once (server/static-pages.ts, server/static-assets.ts). Every response, whoever
// writes it, carries the security headers (lib/http/security-headers.ts), set here before any
// of them sees the request. Options as `next start` takes them:
//   node dist/server.mjs [--port 3000] [--hostname 127.0.0.1]   (PORT works too; without a
//   hostname it listens on every address, IPv4 and IPv6, as `next start` does)

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
// Not $HOSTNAME: shells and containers set it to the machine's name.
const hostname = values.hostname;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 … 65535), not ${values.port ?? process.env.PORT}`);
  process.exit(2);
}
// As `next start` does, before anything reads it (the modules below read it as they load).
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
const { default: next } = await import("next");
const { leanRoute, serveLean } = await import("./lean-api");
const { loadStaticPages, serveStaticPage } = await import("./static-pages");
const { fontPreloadLink, loadStaticAssets, serveStaticAsset } = await import("./static-assets");
const { LOCALES, localePath } = await import("@/lib/i18n");
const { env } = await import("@/env");
const { stampPeerAddresses } = await import("@/lib/http/client-address");
const { requestIsHttps } = await import("@/lib/http/request-scheme");
const { isScriptableFile, sandboxedPolicy, securityHeaders } = await import("@/lib/http/security-headers");
const { methodNotAllowed, refusalResponse, requestRefusal } = await import("@/lib/http/request-guard");

// The two sets of security headers a response can get: over http, and over https (with HSTS).
const SECURITY_HEADERS = {
  http: Object.entries(securityHeaders({ https: false })),
  https: Object.entries(securityHeaders({ https: true })),
};

/**
 * Puts the security headers on a response before Next.js or the lean handler writes it: both
 * keep headers set before them (Node merges them into writeHead's), so pages, assets, API
 * answers, redirects and errors all carry them.
 */
function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  const headers = {
    get: (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
  const https = requestIsHttps(headers, env.gradingApi.trustProxy);
  const scriptable = isScriptableFile((req.url ?? "").split("?")[0] ?? "");
  for (const [name, value] of SECURITY_HEADERS[https ? "https" : "http"]) {
    // A site's own SVG (public/) opened by itself runs nothing: no page here ends in .svg.
    res.setHeader(name, scriptable && name === "content-security-policy" ? sandboxedPolicy(value) : value);
  }
}

// dist/server.mjs → apps/web
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
const nextHandler = app.getRequestHandler();
await app.prepare();
const staticPages = await loadStaticPages(
  path.join(dir, ".next", "server", "app"),
  LOCALES.map((code) => ({ code, root: localePath(code, "/") })),
);
const staticAssets = await loadStaticAssets(path.join(dir, ".next", "static"));
// The prerendered pages ask for the first screen's KaTeX fonts with their HTML.
const fontPreload = fontPreloadLink(staticAssets);
const pageHeaders: Record<string, string> = fontPreload ? { Link: fontPreload } : {};
// Every request gets its connection's address and scheme (instrumentation.ts does it for
// Next's server; done here too, so it is in place whatever order they start in).
stampPeerAddresses(Server);

const server = createServer((req, res) => {
  setSecurityHeaders(req, res);
  // What Next.js would answer with a 500 (a path it cannot decode, a method it cannot handle, a
  // tampered router header) is the client's error: a 400 or 405 saying which.
  const refusal = requestRefusal(req);
  if (refusal) {
    const { status, headers, body } = refusalResponse(refusal, req.url);
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  if (serveStaticPage(staticPages, req, res, pageHeaders) || serveStaticAsset(staticAssets, req, res)) return;
  const lean = leanRoute(req);
  if (lean) {
    serveLean(lean, req, res).catch((error: unknown) => {
      console.error("answer route:", error);
      res.destroy();
    });
  } else void nextHandler(req, res);
});
// CONNECT asks for a tunnel, which Node hands here rather than to the handler above; without
// this, the connection was dropped without an answer.
server.on("connect", (req: IncomingMessage, socket: Duplex) => {
  const { status, headers, body } = refusalResponse(methodNotAllowed("CONNECT"), req.url);
  const lines = Object.entries({ ...headers, connection: "close" }).map(([name, value]) => `${name}: ${value}`);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join("\r\n")}\r\n\r\n${body}`);
});
server.listen(port, hostname, () => {
  const shown = hostname === undefined || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  console.log(`▲ LLM Basics ready on http://${shown}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}

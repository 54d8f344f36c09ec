import type { IncomingMessage, Server } from "node:http";
import type { TLSSocket } from "node:tls";

// How a route handler learns who is calling. `next start` hands a route handler only a Request:
// no socket. Its server sets X-Forwarded-For to the socket's address *only when the request has
// no such header* (`??=` in next/dist/server/base-server.js), so a client that sends its own
// X-Forwarded-For chooses the address the handler sees. Without a trusted proxy in front, that
// header cannot tell clients apart; the connection's address can, so the server stamps it on
// every request (instrumentation.ts) under a header of its own, overwriting whatever a client
// sent under that name. Whether the connection was TLS travels the same way (request-scheme.ts).

/** The header that carries the connection's address from the HTTP server to the route handlers. */
export const PEER_ADDRESS_HEADER = "x-llm-basics-peer-address";
/** The header that says whether the connection was TLS (`https`) or not (`http`). */
export const PEER_SCHEME_HEADER = "x-llm-basics-peer-scheme";

// Route handlers and instrumentation are bundled apart: they share this flag through globalThis.
const STAMPED = Symbol.for("llm-basics.peer-address-stamped");

/** What the server stamps on a request from its connection: `{ address, scheme }` headers. */
export function peerHeaders(request: IncomingMessage): Record<string, string> {
  return {
    [PEER_ADDRESS_HEADER]: request.socket.remoteAddress ?? "",
    [PEER_SCHEME_HEADER]: (request.socket as Partial<TLSSocket>).encrypted === true ? "https" : "http",
  };
}

/**
 * Makes every Node HTTP server in this process write each request's socket address into
 * `PEER_ADDRESS_HEADER` (and its scheme into `PEER_SCHEME_HEADER`) before any handler sees the
 * request. Called once, at server start.
 */
export function stampPeerAddresses(server: { prototype: Server }): void {
  const flags = globalThis as { [STAMPED]?: boolean };
  if (flags[STAMPED]) return;
  const emit = server.prototype.emit;
  server.prototype.emit = function stampRequest(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      Object.assign(request.headers, peerHeaders(request));
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as Server["emit"];
  flags[STAMPED] = true;
}

/**
 * Who a request comes from, as the rate limiter counts clients. With `trustProxy` = n ≥ 1 the
 * n-th X-Forwarded-For entry from the right (what the outermost trusted proxy appended); else
 * the connection's address. IPv6 addresses count by their /64, which one host can hold entirely.
 * When the server did not stamp the address (the very first request, before the server has
 * finished starting), every such request shares the key "unknown".
 */
export function clientKey(headers: HeaderLookup, trustProxy: number): string {
  const client = trustedHop(headers, "x-forwarded-for", trustProxy);
  if (client !== undefined) return addressKey(client);
  const peer = stampedHeader(headers, PEER_ADDRESS_HEADER);
  return peer ? addressKey(peer) : "unknown";
}

/**
 * What the outermost of `trustProxy` trusted proxies put in a list header it appends to
 * (X-Forwarded-For, X-Forwarded-Proto): the `trustProxy`-th entry from the right; undefined
 * without a trusted proxy or with fewer entries (the connection then counts).
 */
export function trustedHop(headers: HeaderLookup, name: string, trustProxy: number): string | undefined {
  if (trustProxy <= 0) return undefined;
  const hops = (headers.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops[hops.length - trustProxy];
}

/** Whether the request's own connection was TLS, as the server stamped it (false when it did not). */
export function peerIsTls(headers: HeaderLookup): boolean {
  return stampedHeader(headers, PEER_SCHEME_HEADER) === "https";
}

/** A request's headers as route handlers (Headers) and the Node server (a lookup of its own) read them. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** A header the server stamped; null before the server stamps (a client may have sent any value). */
function stampedHeader(headers: HeaderLookup, name: string): string | null {
  const stamped = (globalThis as { [STAMPED]?: boolean })[STAMPED] === true;
  return stamped ? headers.get(name) : null;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; `2001:db8:0:1::5` → `2001:db8:0:1::/64`; anything else as given. */
export function addressKey(address: string): string {
  const bare = address.replace(/^\[|\](?::\d+)?$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return mapped[1];
  if (!bare.includes(":")) return bare;
  const groups = expandIPv6(bare);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : bare;
}

/** The eight groups of an IPv6 address, without leading zeros; undefined when it is not one. */
function expandIPv6(address: string): string[] | undefined {
  const [head = "", tail, extra] = address.toLowerCase().split("::");
  if (extra !== undefined) return undefined;
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}

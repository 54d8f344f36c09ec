import { env } from "@/env";
import { type HeaderLookup, peerIsTls, trustedHop } from "./client-address";

// Whether a request reached the site over https: what makes its cookies `Secure` and its answer
// carry HSTS. A browser keeps no `Secure` cookie set over plain http (a classroom server on a
// LAN, opened as http://teacher-laptop:3000), so that must follow the request, not NODE_ENV.

/**
 * Whether the request came over https. Directly: its connection was TLS (as the server stamped
 * it, lib/http/client-address.ts). Behind `trustProxy` ≥ 1 proxies: the scheme the outermost
 * trusted proxy put in X-Forwarded-Proto (the n-th entry from the right, as X-Forwarded-For is
 * read; with fewer entries, the connection counts). Without a trusted proxy X-Forwarded-Proto is
 * the client's own word and is ignored.
 *
 * `requestIsHttps(headers of "X-Forwarded-Proto: https", 1)` → true; with `0` → false over plain http.
 */
export function requestIsHttps(headers: HeaderLookup, trustProxy: number): boolean {
  const scheme = trustedHop(headers, "x-forwarded-proto", trustProxy);
  return scheme === undefined ? peerIsTls(headers) : scheme.toLowerCase() === "https";
}

/** COOKIE_SECURE: `auto` marks cookies `Secure` when the request came over https; the others force it. */
export type CookieSecurity = "auto" | "always" | "never";

/** Whether a cookie set in answer to this request is `Secure`. `secureCookie("auto", false)` → false. */
export function secureCookie(setting: CookieSecurity, https: boolean): boolean {
  return setting === "always" || (setting === "auto" && https);
}

/** Whether the cookies set in answer to a request with these headers are `Secure` on this server. */
export function secureCookiesFor(headers: HeaderLookup): boolean {
  return secureCookie(env.cookieSecure, requestIsHttps(headers, env.gradingApi.trustProxy));
}

// The headers every response of the site carries, whatever answers it (a page, Next's assets,
// an API route, the lean answer handler, a redirect, an error). The production server sets them
// on each response before anything else writes it (server/main.ts); `next dev` gets them from
// next.config.ts. Kept free of imports so next.config.ts can load it as it is.

/** What the policy depends on: the request's scheme (HSTS), and `next dev` (which needs eval). */
export interface SecurityHeaderOptions {
  /** The request came over https (lib/http/request-scheme.ts): only then is HSTS sent. */
  https: boolean;
  /** `next dev`: React's dev tooling and Fast Refresh evaluate code, so the CSP allows eval. */
  dev?: boolean;
}

/**
 * The Content-Security-Policy: everything from this site only, no plugins, no framing by any
 * page. Scripts and styles may be inline (Next's inline bootstrap scripts; KaTeX's inline
 * styles): nonces would make every prerendered page dynamic. `'wasm-unsafe-eval'` lets the math
 * core compile its WebAssembly kernel; it does not allow `eval`.
 *
 * `contentSecurityPolicy({ dev: false })` → `"default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; …"`
 */
export function contentSecurityPolicy({ dev = false }: { dev?: boolean } = {}): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", "'unsafe-inline'", "'wasm-unsafe-eval'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'", "data:"],
    // 'self' covers the dev server's own WebSocket (ws: on the same host and port) too.
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/**
 * Browser features a course never uses, turned off for the site and anything it might embed.
 * Only features Chromium knows: it logs an error for each name it does not recognise
 * (`bluetooth`, say; e2e/tests/security-headers.spec.ts listens for those).
 */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** HSTS for a year: sent only in answer to https, so a plain-http classroom server is not pinned. */
const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/**
 * The security headers of one response, by lower-case name.
 *
 * `securityHeaders({ https: false })["x-frame-options"]` → `"DENY"`;
 * `"strict-transport-security" in securityHeaders({ https: false })` → false.
 */
export function securityHeaders({ https, dev = false }: SecurityHeaderOptions): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy({ dev }),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    // For browsers that predate frame-ancestors.
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    ...(https ? { "strict-transport-security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/**
 * The pages' policy allows inline scripts (Next.js's need). A file a browser can open as a
 * document with scripts of its own (an SVG or XML file: a Hugo site's static/ files and page
 * images in public/, the site's icon) gets the same policy, sandboxed: it runs no script,
 * whatever its author wrote in it.
 */
export function sandboxedPolicy(policy: string): string {
  return `${policy}; sandbox`;
}

/** True for a path whose file a browser would run scripts in when opened (`/images/a.svg`). */
export function isScriptableFile(pathname: string): boolean {
  return /\.(?:svgz?|xml|xhtml|xsl|html?)$/i.test(pathname);
}

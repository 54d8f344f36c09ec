import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaders } from "./src/lib/http/security-headers";

const nextConfig: NextConfig = {
  // Hugo's URLs end in a slash (`/matrix_basics/`); keep them, so `ref` links match.
  trailingSlash: true,
  // ...but not the API's: Next's own redirect would send `POST /api/v1/grade` to
  // `/api/v1/grade/` with a 308, which many clients do not follow. Pages get the same redirect
  // from redirects() below; /api/ answers with and without the slash.
  skipTrailingSlashRedirect: true,
  async redirects() {
    return [
      {
        // A last segment without a dot (not a file) and no trailing slash, outside /api/ and
        // /_next/. `(?!/)`: Next lets a custom source match with a trailing slash too, which
        // would redirect `/matrix_basics/` to itself.
        source: "/:path((?!api/|api$|_next/|\\.well-known/)(?:[^/]+/)*[^/.]+(?!/))",
        destination: "/:path/",
        permanent: true,
      },
      // And a file's URL has none: `/icon.svg/` → `/icon.svg`.
      { source: "/:file((?!api/|_next/)(?:[^/]+/)*[^/]+\\.\\w+)/", destination: "/:file", permanent: true },
    ];
  },
  async rewrites() {
    return {
      // Pages live under app/[lang]/. Chinese, the default language, keeps its URLs at the root:
      // every page path outside /en/ (and outside /api/, /_next/ and files) is served from /zh/…,
      // so a public /zh/… (served from /zh/zh/…) is a 404, not a second copy of the course. A
      // rewrite here stays inside the server; one from the proxy to an absolute URL is sent over
      // the network when the request's host is not how Next names it (127.0.0.1 vs localhost).
      beforeFiles: [
        // A language's own files (its feed, its web app manifest) are routes under app/[lang]/ too:
        // Chinese's at the root go to /zh/…, and a public /zh/index.xml to /zh/zh/…, a 404 (in this
        // order: a rewritten path is matched against the rules after it).
        { source: "/zh/:file(index\\.xml|manifest\\.webmanifest)", destination: "/zh/zh/:file" },
        { source: "/:file(index\\.xml|manifest\\.webmanifest)", destination: "/zh/:file" },
        {
          source: "/:path((?!en/|en$|api/|api$|_next/|\\.well-known/)(?:[^/]+/)*(?:[^/.]+)?)",
          destination: "/zh/:path",
        },
      ],
    };
  },
  // forbidden() and unauthorized(): the instructor view answers 403 / 401 with a page of its own.
  experimental: { authInterrupts: true },
  // jieba (Chinese words for the search index) is a native module: loaded from node_modules at
  // build time, never bundled.
  serverExternalPackages: ["@node-rs/jieba"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Lessons are prerendered; the production build fails on any content error (see lib/course/site.ts).
  typedRoutes: false,
  // `pnpm dev` pages opened as http://127.0.0.1:3000 load their dev scripts too (Next blocks
  // other origins than localhost by default).
  allowedDevOrigins: ["127.0.0.1"],
};

/**
 * `next dev` gets the security headers from here, with a CSP that allows eval (React's dev
 * tooling needs it). The production server sets them itself on every response, with HSTS when
 * the request came over https (server/main.ts): headers() cannot see the request's scheme, and
 * does not reach the answers the server gives without Next.
 */
const devSecurityHeaders: NextConfig["headers"] = async () => [
  {
    source: "/:path*",
    headers: Object.entries(securityHeaders({ https: false, dev: true })).map(([key, value]) => ({ key, value })),
  },
];

export default function config(phase: string): NextConfig {
  return phase === PHASE_DEVELOPMENT_SERVER ? { ...nextConfig, headers: devSecurityHeaders } : nextConfig;
}

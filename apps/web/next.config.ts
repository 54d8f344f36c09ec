import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Hugo's URLs end in a slash (`/matrix_basics/`); keep them, so `ref` links match.
  trailingSlash: true,
  poweredByHeader: false,
  reactStrictMode: true,
  // Lessons are prerendered; the production build fails on any content error (see lib/site.ts).
  typedRoutes: false,
  // `pnpm dev` pages opened as http://127.0.0.1:3000 load their dev scripts too (Next blocks
  // other origins than localhost by default).
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;

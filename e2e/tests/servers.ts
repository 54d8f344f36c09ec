import path from "node:path";

/** `next start` on the production build. */
export const PRODUCTION_PORT = 3100;
/** `next dev` on a copy of content/ that tests may edit. */
export const DEV_PORT = 3101;
export const devContentDir = path.resolve(import.meta.dirname, "../.tmp/content");
export const devUrl = (pathname: string) => `http://127.0.0.1:${DEV_PORT}${pathname}`;

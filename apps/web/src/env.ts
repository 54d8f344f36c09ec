import path from "node:path";
import { z } from "zod";

// The app reads its configuration here and nowhere else; packages get values as arguments.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Where the lessons live; `next` runs in apps/web, so the default is the repo's content/. */
  CONTENT_DIR: z.string().min(1).optional(),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(
    `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
}

export const env = {
  isDev: parsed.data.NODE_ENV === "development",
  /** Learner cookies are `Secure` in production (browsers accept them from http://localhost too). */
  secureCookies: parsed.data.NODE_ENV === "production",
  // Read at run time, not bundled: tell Turbopack not to trace the whole directory.
  contentDir: path.resolve(
    /*turbopackIgnore: true*/ parsed.data.CONTENT_DIR ??
      path.join(/*turbopackIgnore: true*/ process.cwd(), "..", "..", "content"),
  ),
};

import path from "node:path";
import { resolveDatabaseUrl } from "@llm-basics/db/database-url";
import { z } from "zod";

// The app reads its configuration here and nowhere else; packages get values as arguments.
/** A whole number from the environment; unset or empty takes the default. */
const count = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(min).max(max).default(fallback));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Where the lessons live; `next` runs in apps/web, so the default is the repo's content/. */
  CONTENT_DIR: z.string().min(1).optional(),
  /** Grading API: answers one client may have graded per window (a request costs at least 1); 0 turns the limit off. */
  GRADING_API_RATE_LIMIT: count(0, 1e9, 6000),
  /**
   * Grading API: answers one API token may have graded per window (its own bucket, apart from
   * any address's); unset: ten times GRADING_API_RATE_LIMIT. 0 turns it off.
   */
  GRADING_API_TOKEN_RATE_LIMIT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(0).max(1e9).optional(),
  ),
  /** Grading API: the rate limit's window in seconds. */
  GRADING_API_RATE_WINDOW: count(1, 86_400, 60),
  /**
   * How many reverse proxies stand in front of the server. 0 (the default): clients are told
   * apart by their connection's address. n ≥ 1: by the n-th X-Forwarded-For entry from the right,
   * the one the outermost trusted proxy appended (`1` for one nginx in front).
   */
  TRUST_PROXY: count(0, 10, 0),
  /**
   * Whether the learner's cookies are `Secure`. `auto` (the default): when the request came over
   * https (directly, or per X-Forwarded-Proto from a proxy TRUST_PROXY trusts), so a classroom
   * server on plain http works; `always` / `never` force it.
   */
  COOKIE_SECURE: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["auto", "always", "never"]).default("auto")),
  /**
   * Sign-in and sign-up attempts one normalized email may take per ACCOUNT_RATE_WINDOW (a token
   * bucket: a full window's worth at once, then a steady refill); 0 turns this limit off.
   */
  ACCOUNT_RATE_LIMIT_PER_EMAIL: count(0, 1e6, 10),
  /**
   * Sign-in and sign-up attempts one client address may take per ACCOUNT_RATE_WINDOW, whatever
   * the emails. Generous, because a classroom behind one NAT address signs up together; 0: off.
   */
  ACCOUNT_RATE_LIMIT_PER_ADDRESS: count(0, 1e6, 100),
  /** The account rate limits' window, in seconds (15 minutes). */
  ACCOUNT_RATE_WINDOW: count(1, 86_400, 900),
  /**
   * New guests (visitors whose first answer is recorded) one client address may make per
   * GUEST_RATE_WINDOW. Generous, because a classroom behind one NAT address starts together;
   * 0 turns it off.
   */
  GUEST_RATE_LIMIT: count(0, 1e6, 300),
  /** The guest limit's window, in seconds (an hour). */
  GUEST_RATE_WINDOW: count(1, 86_400 * 7, 3600),
  /** Guests with no attempt are removed this many days after they were made; 0 keeps them. */
  GUEST_IDLE_DAYS: count(0, 3650, 7),
  /**
   * The site's public address (`https://learn.example.org`), over the site config's `baseURL`
   * (lib/discovery/base-url.ts): the pages' canonical, language and og:url links (when they are
   * built) and sitemap.xml, robots.txt and the feeds (when they are asked for) are absolute URLs
   * under it. Unset and no baseURL: the links are relative, and those documents take the host of
   * each request.
   */
  SITE_URL: z
    .string()
    .optional()
    .refine((u) => !u || /^https?:\/\/[^/?#\s]+\/?$/.test(u), "must be an origin such as https://learn.example.org"),
  /** Where the SQLite database lives (relative paths are relative to the repository). */
  DATA_DIR: z.string().min(1).optional(),
  /** `postgresql://…` for PostgreSQL; `file:…` or unset for SQLite (`<DATA_DIR>/llm-basics.db`). */
  DATABASE_URL: z
    .string()
    .optional()
    .refine((u) => !u || /^(file:|postgres(ql)?:\/\/)/.test(u), "must start with file: or postgresql://"),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(
    `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
}

// apps/web is where `next` runs; the repository is two levels up.
const repoDir = path.join(/*turbopackIgnore: true*/ process.cwd(), "..", "..");

export const env = {
  isDev: parsed.data.NODE_ENV === "development",
  /** COOKIE_SECURE: cookies are `Secure` per request (`auto`, see lib/http/request-scheme.ts), always or never. */
  cookieSecure: parsed.data.COOKIE_SECURE,
  // Read at run time, not bundled: tell Turbopack not to trace the whole directory.
  contentDir: path.resolve(
    /*turbopackIgnore: true*/ parsed.data.CONTENT_DIR ??
      path.join(/*turbopackIgnore: true*/ process.cwd(), "..", "..", "content"),
  ),
  /** The site's public origin without a trailing slash, when SITE_URL is set (use siteBaseUrl, which also reads baseURL). */
  siteUrl: parsed.data.SITE_URL ? parsed.data.SITE_URL.replace(/\/$/, "") : undefined,
  // The same rule as packages/db/scripts/prisma.mjs and `pnpm db:create-instructor`.
  databaseUrl: resolveDatabaseUrl({ databaseUrl: parsed.data.DATABASE_URL, dataDir: parsed.data.DATA_DIR }, repoDir),
  gradingApi: {
    rateLimit: parsed.data.GRADING_API_RATE_LIMIT,
    tokenRateLimit: parsed.data.GRADING_API_TOKEN_RATE_LIMIT ?? Math.min(1e9, 10 * parsed.data.GRADING_API_RATE_LIMIT),
    rateWindowSeconds: parsed.data.GRADING_API_RATE_WINDOW,
    trustProxy: parsed.data.TRUST_PROXY,
  },
  guests: {
    rateLimit: parsed.data.GUEST_RATE_LIMIT,
    rateWindowSeconds: parsed.data.GUEST_RATE_WINDOW,
    idleDays: parsed.data.GUEST_IDLE_DAYS,
  },
  accounts: {
    rateLimitPerEmail: parsed.data.ACCOUNT_RATE_LIMIT_PER_EMAIL,
    rateLimitPerAddress: parsed.data.ACCOUNT_RATE_LIMIT_PER_ADDRESS,
    rateWindowSeconds: parsed.data.ACCOUNT_RATE_WINDOW,
  },
};

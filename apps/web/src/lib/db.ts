import "server-only";
import { type Database, openDatabase } from "@llm-basics/db";
import { env } from "@/env";

// One database client per server process: Next may bundle a module once per route, so it lives
// on globalThis (as the rate limiter does).
const DATABASE = Symbol.for("llm-basics.database");

/** The server's database (SQLite under data/ unless DATABASE_URL names another). */
export function database(): Database {
  const holder = globalThis as { [DATABASE]?: Database };
  holder[DATABASE] ??= openDatabase(env.databaseUrl);
  return holder[DATABASE];
}

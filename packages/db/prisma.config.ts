// Prisma CLI configuration, run through scripts/prisma.mjs, which says which provider's
// schema to use (LLMB_PRISMA_PROVIDER) and always sets DATABASE_URL. The Rust-free engine
// ("js") talks to the database through the same driver adapters as the app.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { adapterFactory } from "./src/adapter.ts";

const provider = process.env.LLMB_PRISMA_PROVIDER === "postgres" ? "postgres" : "sqlite";
const url = process.env.DATABASE_URL ?? "";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  adapter: async () => adapterFactory(url, { forMigrations: true }),
});

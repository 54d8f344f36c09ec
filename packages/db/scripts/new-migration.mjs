#!/usr/bin/env node
// Writes a migration for both databases from the change to prisma/models.prisma since the last
// commit (or since `--from <git rev>`), without a shadow database (`migrate dev` does not work
// with driver adapters on Prisma 6.19):
//
//   pnpm --filter @llm-basics/db migration:new add_user_bio
//
// Then apply it with `pnpm --filter @llm-basics/db migrate` (DATABASE_URL picks the database).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const rev = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
const name = args.find((a, i) => !a.startsWith("--") && (fromIndex < 0 || i !== fromIndex + 1));
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: migration:new <name in lower_snake_case> [--from <git rev>]");
  process.exit(2);
}

// Refresh each provider's schema.prisma from models.prisma.
execFileSync(process.execPath, [join(root, "scripts", "prisma.mjs"), "generate"], { stdio: "inherit" });

const tmp = mkdtempSync(join(tmpdir(), "llmb-migration-"));
for (const provider of ["sqlite", "postgres"]) {
  const schemaFile = join(root, "prisma", provider, "schema.prisma");
  const current = readFileSync(schemaFile, "utf8");
  const modelsNow = readFileSync(join(root, "prisma", "models.prisma"), "utf8");
  const modelsBefore = execFileSync("git", ["show", `${rev}:packages/db/prisma/models.prisma`], {
    cwd: root,
    encoding: "utf8",
  });
  const before = join(tmp, `${provider}.prisma`);
  writeFileSync(before, current.replace(modelsNow, modelsBefore));
  const diff = spawnSync(
    process.execPath,
    [
      join(root, "node_modules", "prisma", "build", "index.js"),
      "migrate",
      "diff",
      "--from-schema-datamodel",
      before,
      "--to-schema-datamodel",
      schemaFile,
      "--script",
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:${join(tmp, "unused.db")}`, CHECKPOINT_DISABLE: "1" },
    },
  );
  if (diff.status !== 0) {
    console.error(diff.stderr);
    process.exit(1);
  }
  if (!/\S/.test(diff.stdout.replace(/^--.*$/gm, ""))) {
    console.log(`${provider}: no change since ${rev}`);
    continue;
  }
  const dir = join(root, "prisma", provider, "migrations");
  const count = readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).length;
  const folder = join(dir, `${String(count + 1).padStart(4, "0")}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), diff.stdout);
  console.log(`${provider}: wrote ${folder}/migration.sql`);
}

#!/usr/bin/env node
// Runs the Prisma CLI for the database DATABASE_URL names (SQLite when unset), after writing
// each provider's schema.prisma from prisma/models.prisma. One generated client serves one
// provider, so `generate` builds both; `migrate …` works on the one DATABASE_URL picks.
//
//   node scripts/prisma.mjs generate
//   DATABASE_URL=postgresql://… node scripts/prisma.mjs migrate deploy
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const models = readFileSync(join(root, "prisma", "models.prisma"), "utf8");

const header = (provider) => `// Written by scripts/prisma.mjs from ../models.prisma: edit that file, not this one.
generator client {
  provider        = "prisma-client"
  output          = "../../src/generated/${provider}"
  engineType      = "client"
  runtime         = "nodejs"
  moduleFormat    = "esm"
  importFileExtension = "ts"
}

datasource db {
  provider = "${provider === "sqlite" ? "sqlite" : "postgresql"}"
  url      = env("DATABASE_URL")
}

`;

for (const provider of ["sqlite", "postgres"]) {
  const file = join(root, "prisma", provider, "schema.prisma");
  const text = header(provider) + models;
  let old = "";
  try {
    old = readFileSync(file, "utf8");
  } catch {}
  if (old !== text) writeFileSync(file, text);
}

// The same defaults as apps/web/src/env.ts: a relative path is relative to the repository.
const repo = join(root, "..", "..");
const dataDir = resolve(repo, process.env.DATA_DIR || "data");
const providerOf = (u) => (/^postgres(ql)?:\/\//.test(u) ? "postgres" : "sqlite");
const given = process.env.DATABASE_URL || `file:${join(dataDir, "llm-basics.db")}`;
const url = providerOf(given) === "sqlite" ? `file:${resolve(repo, given.replace(/^file:/, ""))}` : given;

const run = (provider, args) => {
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "prisma", "build", "index.js"), ...args, "--config", join(root, "prisma.config.ts")],
    {
      cwd: root,
      stdio: "inherit",
      // The CLI downloads a query engine when DATABASE_URL is missing: always pass one.
      env: {
        ...process.env,
        DATABASE_URL: provider === providerOf(url) ? url : "postgresql://localhost/unused",
        LLMB_PRISMA_PROVIDER: provider,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const args = process.argv.slice(2);
if (args[0] === "generate") {
  for (const provider of ["sqlite", "postgres"]) run(provider, ["generate", ...args.slice(1)]);
} else {
  run(providerOf(url), args);
}

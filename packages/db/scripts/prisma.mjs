#!/usr/bin/env node
// Runs the Prisma CLI for the database DATABASE_URL names (SQLite when unset), after writing
// each provider's schema.prisma from prisma/models.prisma. One generated client serves one
// provider, so `generate` builds both; `migrate …` works on the one DATABASE_URL picks.
//
//   node scripts/prisma.mjs generate
//   DATABASE_URL=postgresql://… node scripts/prisma.mjs migrate deploy
//
// On PostgreSQL, `migrate deploy` waits its turn behind any other instance migrating the same
// database (prisma-migrate-lock.mjs). The CLI's output passes through without the lines about
// this wrapper's own setup (prisma-output.mjs).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deployHoldingLock } from "./prisma-migrate-lock.mjs";
import { withoutSetupNoise } from "./prisma-output.mjs";

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

/** Runs the Prisma CLI on `provider`'s schema; resolves to its exit code. */
const run = (provider, args) =>
  new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(root, "node_modules", "prisma", "build", "index.js"), ...args, "--config", join(root, "prisma.config.ts")],
      {
        cwd: root,
        stdio: ["inherit", "pipe", "pipe"],
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
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      const kept = withoutSetupNoise((text) => to.write(text));
      from.setEncoding("utf8");
      from.on("data", kept.push);
      from.on("end", kept.end);
    }
    child.on("error", fail);
    child.on("close", (code) => done(code ?? 1));
  });

const args = process.argv.slice(2);
const provider = providerOf(url);
let code = 0;
if (args[0] === "generate") {
  for (const each of ["sqlite", "postgres"]) if (code === 0) code = await run(each, ["generate", ...args.slice(1)]);
} else if (provider === "postgres" && args[0] === "migrate" && args[1] === "deploy") {
  const migrations = join(root, "prisma", "postgres", "migrations");
  code = await deployHoldingLock(url, migrations, () => run(provider, args));
} else {
  code = await run(provider, args);
}
process.exitCode = code;

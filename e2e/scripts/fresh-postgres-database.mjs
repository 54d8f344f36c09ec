#!/usr/bin/env node
// Drops and creates the PostgreSQL database DATABASE_URL names (on the same server), so a test
// server starts on an empty database: `DATABASE_URL=postgresql://…/llmb_e2e node fresh-postgres-database.mjs`.
import pg from "pg";

const url = new URL(process.env.DATABASE_URL ?? "");
const name = url.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
  console.error(`fresh-postgres-database: "${name}" is not a plain database name`);
  process.exit(2);
}
url.pathname = "/postgres";
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await client.query(`CREATE DATABASE ${name}`);
await client.end();

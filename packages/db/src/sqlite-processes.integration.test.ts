import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { freshDatabase } from "../test/databases.ts";
import { sqlitePath } from "./adapter.ts";
import { createGuest } from "./index.ts";

// Another process writing to the same SQLite file (`pnpm db:create-instructor` while the server
// runs, or a test's own connection to a test server's database) must not fail the server's
// transactions: they wait for the lock, as single statements do, instead of failing at once.
describe("SQLite shared with another process", () => {
  it("makes every guest while another process keeps writing", async () => {
    const db = await freshDatabase("sqlite");
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const D = require("better-sqlite3"); const db = new D(process.argv[1], { timeout: 5000 });
         db.exec('CREATE TABLE IF NOT EXISTS other_process (n INTEGER)');
         const insert = db.prepare('INSERT INTO other_process VALUES (?)');
         console.log("writing");
         const until = Date.now() + 3000; let n = 0;
         while (Date.now() < until) { insert.run(n++); const t = Date.now() + 1; while (Date.now() < t); }`,
        sqlitePath(db.url),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await once(writer.stdout, "data");
    const made: Array<PromiseSettledResult<unknown>> = [];
    const until = Date.now() + 2500;
    let k = 0;
    while (Date.now() < until) {
      made.push(
        ...(await Promise.allSettled(Array.from({ length: 5 }, () => createGuest(db, { visitorId: `p${k++}` })))),
      );
    }
    await once(writer, "exit");
    const failed = made.filter((m) => m.status === "rejected");
    expect(failed.map((f) => String((f as PromiseRejectedResult).reason).slice(0, 200))).toEqual([]);
    expect(made.length).toBeGreaterThan(20);
  });
});

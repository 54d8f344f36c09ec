// The attempts bench's baseline: the least a server can do to acknowledge an attempt durably.
// node:http and one INSERT of the same row the app records, committed before the reply: on
// SQLite one better-sqlite3 connection (WAL, synchronous=FULL, an fsync per commit); on
// PostgreSQL a `pg` pool of 10 (Prisma's pool size for the app) and an autocommitted INSERT
// (synchronous_commit on). No grading, no framework, no ORM.
//
//   tsx attempts-baseline.ts <port> <database file | postgresql:// URL>
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const [port, where] = process.argv.slice(2);
const table = `CREATE TABLE IF NOT EXISTS "Attempt" (
  "id" TEXT PRIMARY KEY, "userId" TEXT NOT NULL, "variantId" TEXT NOT NULL, "exerciseId" TEXT NOT NULL,
  "lessonPath" TEXT NOT NULL, "answer" TEXT NOT NULL, "status" TEXT NOT NULL, "score" REAL NOT NULL,
  "misconceptionId" TEXT, "misconceptionTopic" TEXT, "source" TEXT NOT NULL, "apiTokenId" TEXT,
  "createdAt" TIMESTAMP NOT NULL)`;
type Row = [string, string, string, string, string, string, string, number, string];

let insert: (row: Row) => Promise<void>;
if (where?.startsWith("postgres")) {
  const pool = new pg.Pool({ connectionString: where, max: 10 });
  await pool.query(table);
  const sql = `INSERT INTO "Attempt" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, 'api', NULL, $9)`;
  insert = async (row) => {
    await pool.query({ name: "insert-attempt", text: sql, values: row });
  };
} else {
  const db = new Database(where ?? ":memory:");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(table);
  const statement = db.prepare(`INSERT INTO "Attempt" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 'api', NULL, ?)`);
  insert = async (row) => {
    statement.run(...row);
  };
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      learner: string;
      answer: string;
      seed: number;
    };
    const id = randomBytes(16).toString("base64url");
    const row: Row = [
      id,
      body.learner,
      `v${body.seed}`,
      "softmax-probability",
      "/softmax/",
      body.answer,
      "incorrect",
      0,
      new Date().toISOString(),
    ];
    insert(row).then(
      () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "incorrect", score: 0, recorded: id }));
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
}).listen(Number(port), "127.0.0.1", () => console.log("ready"));

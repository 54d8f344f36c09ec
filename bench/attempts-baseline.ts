// The attempts bench's baseline: the least a server can do to acknowledge an attempt durably.
// node:http, one better-sqlite3 connection (WAL, synchronous=FULL), one INSERT of the same row
// the app records, committed (fsync) before the reply. No grading, no framework, no ORM.
//
//   tsx attempts-baseline.ts <port> <database file>
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";

const [port, file] = process.argv.slice(2);
const db = new Database(file ?? ":memory:");
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec(`CREATE TABLE IF NOT EXISTS "Attempt" (
  "id" TEXT PRIMARY KEY, "userId" TEXT NOT NULL, "variantId" TEXT NOT NULL, "exerciseId" TEXT NOT NULL,
  "lessonPath" TEXT NOT NULL, "answer" TEXT NOT NULL, "status" TEXT NOT NULL, "score" REAL NOT NULL,
  "misconceptionId" TEXT, "misconceptionTopic" TEXT, "source" TEXT NOT NULL, "apiTokenId" TEXT,
  "createdAt" DATETIME NOT NULL)`);
const insert = db.prepare(`INSERT INTO "Attempt" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 'api', NULL, ?)`);

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
    insert.run(
      id,
      body.learner,
      `v${body.seed}`,
      "softmax-probability",
      "/softmax/",
      body.answer,
      "incorrect",
      0,
      new Date().toISOString(),
    );
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "incorrect", score: 0, recorded: id }));
  });
}).listen(Number(port), "127.0.0.1", () => console.log("ready"));

import type { Database, Tx } from "./client.ts";

// Group commit: writes that arrive while a commit is in flight wait and then commit together
// in one transaction, so one fsync acknowledges many learners' attempts. Nothing is
// acknowledged before its transaction commits. If a batch fails, each of its jobs is retried
// alone, so one bad write cannot fail its neighbours.
type Job = { run: (tx: Tx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

const MAX_BATCH = 256;
const queues = new WeakMap<Database, { jobs: Job[]; running: boolean }>();

/** Runs `work` in a transaction shared with other writes that arrive meanwhile; resolves after commit. */
export function groupCommit<R>(db: Database, work: (tx: Tx) => Promise<R>): Promise<R> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { jobs: [], running: false };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise<R>((resolve, reject) => {
    q.jobs.push({ run: work, resolve: resolve as (v: unknown) => void, reject });
    if (!q.running) void drain(db, q);
  });
}

async function drain(db: Database, q: { jobs: Job[]; running: boolean }) {
  q.running = true;
  try {
    while (q.jobs.length > 0) {
      const batch = q.jobs.splice(0, MAX_BATCH);
      const results: unknown[] = [];
      try {
        await db.prisma.$transaction(
          async (tx) => {
            for (const job of batch) results.push(await job.run(tx));
          },
          { timeout: 30_000, maxWait: 30_000 },
        );
        for (const [i, job] of batch.entries()) job.resolve(results[i]);
      } catch (e) {
        if (batch.length === 1) batch[0]?.reject(e);
        else
          for (const job of batch) {
            try {
              job.resolve(await db.prisma.$transaction((tx) => job.run(tx), { timeout: 30_000, maxWait: 30_000 }));
            } catch (err) {
              job.reject(err);
            }
          }
      }
    }
  } finally {
    q.running = false;
  }
}

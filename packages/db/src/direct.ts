import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";

// The attempt hot path's statements go to the driver itself, not through Prisma: each answer
// asks four to seven small statements, and a Prisma query costs ~0.5 ms of CPU under load (its
// request pipeline, the query engine's WASM, the adapter re-preparing every statement) against
// ~10 µs for a prepared better-sqlite3 statement (bench/attempts.ts; issue 14). Everything else
// (accounts, migrations, instructors' reports) stays with Prisma, on the same connections:
// - SQLite: the very better-sqlite3 connection Prisma's adapter opened (one writer per process,
//   no second connection to wait on a lock), with statements prepared once. A write is a
//   synchronous transaction that never waits on the event loop, started only when Prisma has no
//   interactive transaction open on that connection; writes arriving together share one commit.
// - PostgreSQL: the same `pg` pool as Prisma's adapter; a write is a transaction of its own on
//   one pooled connection (the server groups concurrent commits into one WAL flush).
// Statements are written once, with PostgreSQL's `$1 … $n` parameters (SQLite reads them as
// `?1 … ?n`), and read the same on both: dates come back as `Date`, counts as numbers.

/** One statement and its parameters. */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

/** What a statement gave: its rows (a write's are empty unless it RETURNs them) and rows changed. */
export interface Outcome<Row = Record<string, unknown>> {
  rows: Row[];
  changes: number;
}

/**
 * Work done in one transaction: a generator that yields its statements one at a time and is
 * handed each one's outcome, so the same code runs synchronously on SQLite and awaits each
 * statement on PostgreSQL. Its return value is the transaction's result.
 */
export type Work<R> = Generator<Statement, R, Outcome>;

const FRAGMENT = Symbol("sql fragment");
/** SQL made by `sql`: splices into another `sql` as SQL, not as a parameter. */
export type Fragment = Statement & { [FRAGMENT]: true };

/**
 * `sql\`…\`` with `${values}` as parameters `$1 … $n`, in order; a value made by `sql` itself is
 * spliced in as SQL (its parameters renumbered), so a statement can be put together from parts.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  let text = strings[0] ?? "";
  const params: unknown[] = [];
  for (const [i, value] of values.entries()) {
    if (typeof value === "object" && value !== null && FRAGMENT in value) {
      const part = value as Fragment;
      const offset = params.length;
      text += part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      params.push(...part.params);
    } else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += strings[i + 1] ?? "";
  }
  return { sql: text, params, [FRAGMENT]: true };
}

/** `$from, $from+1, …` for a list of `count` parameters (an `IN (…)` list). */
export function parameterList(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(", ");
}

/** A database column's date as a Date: SQLite keeps Prisma's ISO text, PostgreSQL gives a Date. */
export function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "string") return new Date(value);
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  throw new Error(`not a date: ${String(value)}`);
}

/** The hot path's door to the database; see the top of this file. */
export interface Direct {
  /** A read (or a single autocommitted write): its rows. */
  query<Row = Record<string, unknown>>(statement: Statement): Promise<Row[]>;
  /** Runs `work` in a transaction and resolves with its result after the commit. */
  transact<R>(work: () => Work<R>): Promise<R>;
}

// ---------------------------------------------------------------------------------------------
// SQLite

type SqliteHandle = {
  /** Prisma's connection, once its adapter has connected. */
  client?: BetterSqlite3.Database;
  /** Direct writes waiting for one of Prisma's interactive transactions to end. */
  waiting: Array<() => void>;
};

/** Shared by the SQLite adapter wrapper (adapter.ts), which fills it in, and the direct path. */
export function sqliteHandle(): SqliteHandle {
  return { waiting: [] };
}

/** One of Prisma's transactions on the connection ended: waiting direct writes may go. */
export function transactionEnded(handle: SqliteHandle): void {
  for (const resume of handle.waiting.splice(0)) resume();
}

/** Resolves when one of Prisma's transactions ends (or soon, in case an end goes unreported). */
function transactionEnd(handle: SqliteHandle): Promise<void> {
  return new Promise<void>((resume) => {
    handle.waiting.push(resume);
    setTimeout(resume, 5);
  });
}

/** SQLite's form of a parameter: Prisma's date text, 0/1 for booleans. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

const MAX_BATCH = 256;

export function sqliteDirect(handle: SqliteHandle, connect: () => Promise<void>): Direct {
  // Each text prepared once: the statement, and which parameter each of its `?` takes.
  const statements = new Map<string, { statement: BetterSqlite3.Statement; order: number[] }>();
  let preparedOn: BetterSqlite3.Database | undefined;

  const connection = async (): Promise<BetterSqlite3.Database> => {
    if (!handle.client?.open) await connect();
    if (!handle.client?.open) throw new Error("the SQLite database is not open");
    return handle.client;
  };
  const run = (client: BetterSqlite3.Database, { sql: text, params }: Statement): Outcome => {
    if (preparedOn !== client) {
      statements.clear();
      preparedOn = client;
    }
    let prepared = statements.get(text);
    if (!prepared) {
      const order: number[] = [];
      const statement = client.prepare(
        text.replace(/\$(\d+)/g, (_, n: string) => {
          order.push(Number(n) - 1);
          return "?";
        }),
      );
      // Prisma's connection reads integers as BigInt by default; these columns fit a number.
      if (statement.reader) statement.safeIntegers(false);
      prepared = { statement, order };
      statements.set(text, prepared);
    }
    const { statement, order } = prepared;
    const values = order.map((i) => sqliteValue(params[i]));
    if (statement.reader) return { rows: statement.all(...values) as Record<string, unknown>[], changes: 0 };
    return { rows: [], changes: statement.run(...values).changes };
  };
  const perform = <R>(client: BetterSqlite3.Database, work: Work<R>): R => {
    let step = work.next();
    while (!step.done) step = work.next(run(client, step.value));
    return step.value;
  };

  type Job = { work: () => Work<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
  const queue: Job[] = [];
  let scheduled = false;

  const flush = async () => {
    let client: BetterSqlite3.Database;
    try {
      client = await connection();
      // Never inside one of Prisma's interactive transactions on this connection (checked again
      // after every wait: nothing runs between this check and the commit below).
      while (client.inTransaction) await transactionEnd(handle);
    } catch (error) {
      for (const job of queue.splice(0)) job.reject(error);
      scheduled = false;
      return;
    }
    scheduled = false;
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) schedule();
    // From here to the commit nothing awaits: no other code runs on this connection meanwhile.
    const done: Array<{ job: Job; result: unknown }> = [];
    const failed = new Set<Job>();
    try {
      run(client, { sql: "BEGIN IMMEDIATE", params: [] });
      for (const job of batch) {
        // One failing job is undone alone: its neighbours still commit.
        run(client, { sql: "SAVEPOINT attempt", params: [] });
        try {
          done.push({ job, result: perform(client, job.work()) });
          run(client, { sql: "RELEASE attempt", params: [] });
        } catch (error) {
          run(client, { sql: "ROLLBACK TO attempt", params: [] });
          run(client, { sql: "RELEASE attempt", params: [] });
          failed.add(job);
          job.reject(error);
        }
      }
      run(client, { sql: "COMMIT", params: [] });
    } catch (error) {
      // The transaction itself failed (no lock, a full disk): nothing of the batch is stored.
      if (client.inTransaction) client.exec("ROLLBACK");
      for (const job of batch) if (!failed.has(job)) job.reject(error);
      return;
    }
    for (const { job, result } of done) job.resolve(result);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Writes that arrive in the same turn of the event loop share the commit (and its fsync).
    setImmediate(() => void flush());
  };

  return {
    async query<Row>(statement: Statement): Promise<Row[]> {
      return run(await connection(), statement).rows as Row[];
    },
    transact<R>(work: () => Work<R>): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Prisma's columns are `timestamp(3)` without a time zone, holding UTC; pg's default parser would
// read them in the process's local time zone. Counts (int8) and numerics read as numbers.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    if (oid === INT8_OID || oid === NUMERIC_OID) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** PostgreSQL's form of a parameter: dates as UTC text (the column has no time zone). */
const postgresValue = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : value === undefined ? null : value;

const MAX_NAMED = 2000;

export function postgresDirect(pool: pg.Pool): Direct {
  // Named, so each connection parses and plans a text once and then only binds and executes it.
  const names = new Map<string, string>();
  const config = (statement: Statement): pg.QueryConfig => {
    let name = names.get(statement.sql);
    // Texts differ only in the length of an IN list: a few hundred at most, but kept bounded.
    if (name === undefined && names.size < MAX_NAMED) {
      name = `llmb_direct_${names.size + 1}`;
      names.set(statement.sql, name);
    }
    return { ...(name ? { name } : {}), text: statement.sql, values: statement.params.map(postgresValue), types };
  };
  return {
    async query<Row>(statement: Statement): Promise<Row[]> {
      return (await pool.query(config(statement))).rows as Row[];
    },
    async transact<R>(work: () => Work<R>): Promise<R> {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query("BEGIN");
        const steps = work();
        let step = steps.next();
        while (!step.done) {
          const result = await client.query(config(step.value));
          step = steps.next({ rows: result.rows, changes: result.rowCount ?? 0 });
        }
        await client.query("COMMIT");
        return step.value;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: unknown) => {
          broken = rollback;
        });
        throw error;
      } finally {
        // A connection whose rollback failed is not given back to the pool.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reads by key, together

/**
 * A read of one row by key whose calls arriving together go to the database as one statement:
 * `fetch` gets every distinct key waiting (at most `maxBatch`) and returns the rows it found by
 * key. At most `maxInFlight` statements are out at once; keys asked meanwhile wait for the next.
 * On PostgreSQL each statement is a round trip that costs the app more than the read costs the
 * server (see attempts-postgres.ts), so a read asked by every request is shared by the requests
 * in flight.
 */
export function readTogether<Row>(
  fetch: (keys: string[]) => Promise<Map<string, Row>>,
  { maxBatch = 500, maxInFlight = 2 } = {},
): (key: string) => Promise<Row | undefined> {
  type Waiter = { resolve: (row: Row | undefined) => void; reject: (error: unknown) => void };
  let waiting = new Map<string, Waiter[]>();
  let inFlight = 0;
  const send = (): void => {
    while (inFlight < maxInFlight && waiting.size > 0) {
      const batch = new Map<string, Waiter[]>();
      const later = new Map<string, Waiter[]>();
      for (const [key, waiters] of waiting) (batch.size < maxBatch ? batch : later).set(key, waiters);
      waiting = later;
      inFlight++;
      fetch([...batch.keys()])
        .then(
          (rows) => {
            for (const [key, waiters] of batch) for (const w of waiters) w.resolve(rows.get(key));
          },
          (error: unknown) => {
            for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
          },
        )
        .finally(() => {
          inFlight--;
          send();
        });
    }
  };
  return (key) =>
    new Promise<Row | undefined>((resolve, reject) => {
      const waiters = waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      send();
    });
}

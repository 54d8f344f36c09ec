import { randomUUID } from "node:crypto";
import path from "node:path";
import { type Database, makeInstructor, openDatabase, signIn, signUp } from "@llm-basics/db";
import type { BrowserContext } from "@playwright/test";

// Accounts for browser and API tests, made straight in the database of the server under test
// (each server of playwright.config.ts has its own SQLite file), signed in the way the site signs
// people in: a session whose token is the `lb_session` cookie.

/** The servers playwright.config.ts starts, by the name of their database file. */
export type ServerName = "production" | "rate-limited";

const databaseDir = path.resolve(import.meta.dirname, "../../.tmp/e2e-databases");
const open = new Map<ServerName, Database>();

/** The database of a running test server (opened once per worker). */
export function serverDatabase(server: ServerName = "production"): Database {
  let db = open.get(server);
  if (!db) {
    db = openDatabase(`file:${path.join(databaseDir, `${server}.db`)}`);
    open.set(server, db);
  }
  return db;
}

/** Closes the databases this worker opened (call in afterAll). */
export async function closeServerDatabases(): Promise<void> {
  await Promise.all([...open.values()].map((db) => db.close()));
  open.clear();
}

/** An account and a live session for it. */
export interface Person {
  id: string;
  email: string;
  password: string;
  displayName: string;
  /** The `lb_session` cookie's value. */
  session: string;
}

/** A new learner or instructor account, signed in; each call makes a different one. */
export async function newPerson(
  role: "learner" | "instructor",
  { server = "production", displayName }: { server?: ServerName; displayName?: string } = {},
): Promise<Person> {
  const db = serverDatabase(server);
  const tag = randomUUID().slice(0, 8);
  const email = `${role}-${tag}@e2e.example.com`;
  const password = `e2e passphrase ${tag}`;
  const name = displayName ?? `${role === "instructor" ? "老师" : "同学"} ${tag}`;
  if (role === "instructor") {
    const made = await makeInstructor(db, { email, password, displayName: name });
    if (!made.ok) throw new Error(`makeInstructor: ${made.problem}`);
  } else {
    const made = await signUp(db, { email, password, displayName: name });
    if (!made.ok) throw new Error(`signUp: ${made.problem}`);
  }
  const signedIn = await signIn(db, { email, password });
  if (!signedIn.ok) throw new Error(`signIn failed for ${email}`);
  return { id: signedIn.user.id, email, password, displayName: name, session: signedIn.token };
}

/** The Cookie header of a person's session, for `request` calls. */
export const sessionCookie = (person: Person): string => `lb_session=${person.session}`;

/** Signs a browser context in as `person` on `baseURL`. */
export async function signInBrowser(context: BrowserContext, person: Person, baseURL: string): Promise<void> {
  await context.addCookies([
    { name: "lb_session", value: person.session, url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
}

import { createHash } from "node:crypto";
import { type Database, isUniqueViolation, LEARNER_TRANSACTION, type Tx } from "./client.ts";
import { asDate, parameterList, readTogether } from "./direct.ts";
import { newId, newSecret, secretHash } from "./ids.ts";
import { hashPassword, type PasswordProblem, passwordProblem, verifyNothing, verifyPassword } from "./passwords.ts";

export type Role = "learner" | "instructor";
export type Locale = "zh" | "en";

/** A user as the app sees it: never the password hash. */
export interface UserView {
  id: string;
  /** null for a guest. */
  email: string | null;
  displayName: string;
  role: Role;
  locale: Locale;
  /** Seeds this user's first variant of each exercise. */
  seedKey: string;
  isGuest: boolean;
}

/** How long sessions live. A guest's carries no credential, so it may idle longer. */
export interface SessionPolicy {
  /** An account's session ends after this long without a request… */
  idleMs: number;
  /** …and this long after sign-in however active it is. */
  absoluteMs: number;
  guestIdleMs: number;
  guestAbsoluteMs: number;
}

const DAY = 86_400_000;
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 7 * DAY,
  absoluteMs: 30 * DAY,
  guestIdleMs: 180 * DAY,
  guestAbsoluteMs: 365 * DAY,
};

// lastSeenAt moves at most once a minute: an idle timeout in days needs no write per request.
const TOUCH_EVERY_MS = 60_000;

type UserRow = {
  id: string;
  email: string | null;
  displayName: string;
  role: string;
  locale: string;
  seedKey: string;
};

const view = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role === "instructor" ? "instructor" : "learner",
  locale: u.locale === "en" ? "en" : "zh",
  seedKey: u.seedKey,
  isGuest: u.email === null,
});

/** `normalizeEmail("  Ann@Example.COM ")` → "ann@example.com"; null if it is not an address. */
export function normalizeEmail(email: string): string | null {
  const e = email.normalize("NFKC").trim().toLowerCase();
  return e.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(e) ? e : null;
}

/** A display name trimmed to 1–50 characters without control characters, or null. */
export function normalizeDisplayName(name: string): string | null {
  const n = name.normalize("NFKC").trim().replace(/\s+/g, " ");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  return n.length >= 1 && [...n].length <= 50 && !/[\u0000-\u001f\u007f]/.test(n) ? n : null;
}

async function openSession(tx: Tx, user: UserRow, now: Date, policy: SessionPolicy): Promise<string> {
  const token = newSecret();
  const absolute = user.email === null ? policy.guestAbsoluteMs : policy.absoluteMs;
  const idle = user.email === null ? policy.guestIdleMs : policy.idleMs;
  // Sessions are otherwise deleted only when their cookie comes back: whenever a user gets a
  // new one, the ones that have run out go.
  await tx.session.deleteMany({
    where: {
      userId: user.id,
      OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - idle) } }],
    },
  });
  await tx.session.create({
    data: {
      id: secretHash(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + absolute),
    },
  });
  return token;
}

/** A signed-in browser: its user and the token its cookie holds. */
export interface SignedIn {
  user: UserView;
  token: string;
}

/**
 * The seed key of a guest made from a visitor id (and of the pages that visitor sees before
 * answering): SHA-256 of the id under a label of its own, base64url. One way: the database
 * never holds a visitor id, and a seed key read from it opens nothing.
 */
export function visitorSeedKey(visitorId: string): string {
  return createHash("sha256").update(`llm-basics seed key\0${visitorId}`).digest("base64url");
}

/** How long after a guest is made another request with its visitor id (and no session) joins it. */
export const GUEST_JOIN_WINDOW_MS = 60_000;

/** A new guest's session, and the visitor id its browser holds from now on. */
export interface NewGuest extends SignedIn {
  /** The id given, or a fresh one when the given one belongs to another user already. */
  visitorId: string;
}

/**
 * The guest for a visitor who has started answering, with a new session. `visitorId` is the
 * random id in the visitor's cookie: the guest's seed key is derived from it, so they answer
 * the numbers they saw, and only its hash is stored. A visitor who became a guest within
 * `GUEST_JOIN_WINDOW_MS` (two tabs answering at once, each without a session yet) gets that
 * same guest, so no attempt lands on a stray user; after that window a visitor id opens no
 * session for anyone: a request carrying it without a session cookie gets a new guest with a
 * fresh visitor id (as does a visitor whose id has become an account's, signed out since).
 */
export async function createGuest(
  db: Database,
  {
    visitorId,
    now = new Date(),
    policy = DEFAULT_SESSION_POLICY,
  }: { visitorId: string; now?: Date; policy?: SessionPolicy },
): Promise<NewGuest> {
  const attempt = () =>
    db.prisma.$transaction(async (tx) => {
      const holder = await tx.user.findUnique({ where: { visitorHash: secretHash(visitorId) } });
      if (holder && holder.email === null && now.getTime() - holder.createdAt.getTime() < GUEST_JOIN_WINDOW_MS) {
        return { user: view(holder), token: await openSession(tx, holder, now, policy), visitorId };
      }
      const id = holder ? newId() : visitorId;
      const user = await tx.user.create({
        data: { id: newId(), seedKey: visitorSeedKey(id), visitorHash: secretHash(id), createdAt: now },
      });
      return { user: view(user), token: await openSession(tx, user, now, policy), visitorId: id };
    }, LEARNER_TRANSACTION);
  try {
    return await attempt();
  } catch (e) {
    // Another request made this visitor's guest between our read and our insert: join it.
    if (isUniqueViolation(e)) return attempt();
    throw e;
  }
}

/**
 * Removes guests made before `before` that have no attempt (a visitor who only asked for new
 * numbers, or whose answer could not be recorded), with their sessions and variants; returns
 * how many went. Accounts and guests with attempts are kept.
 */
export async function removeIdleGuests(db: Database, before: Date): Promise<number> {
  // One statement, as a batch: an interactive transaction waits at most 2 s for a connection and
  // then fails (P2028), as it did at the start of two instances on one busy PostgreSQL server.
  const [removed] = await db.prisma.$transaction([
    db.prisma.user.deleteMany({ where: { email: null, createdAt: { lt: before }, attempts: { none: {} } } }),
  ]);
  return removed.count;
}

type SessionRow = UserRow & { expiresAt: unknown; lastSeenAt: unknown };
const SESSION_COLUMNS = `s."expiresAt", s."lastSeenAt", u."id", u."email", u."displayName", u."role", u."locale", u."seedKey"`;
const sessionReaders = new WeakMap<Database, (id: string) => Promise<SessionRow | undefined>>();

/**
 * A session and its user, by the session's id. Asked on every request a learner makes: one raw
 * query (a model query with its include costs several times as much here); on PostgreSQL the
 * requests in flight share one (readTogether).
 */
async function sessionRow(db: Database, id: string): Promise<SessionRow | undefined> {
  if (db.provider !== "postgres") {
    const rows = await db.direct.query<SessionRow>({
      sql: `SELECT ${SESSION_COLUMNS} FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = $1`,
      params: [id],
    });
    return rows[0];
  }
  let read = sessionReaders.get(db);
  if (!read) {
    read = readTogether(async (ids) => {
      const rows = await db.direct.query<SessionRow & { sessionId: string }>({
        sql: `SELECT s."id" AS "sessionId", ${SESSION_COLUMNS}
          FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ANY($1::text[])`,
        params: [ids],
      });
      return new Map(rows.map(({ sessionId, ...row }) => [sessionId, row]));
    });
    sessionReaders.set(db, read);
  }
  return read(id);
}

/** The user a session cookie's token belongs to, or null when unknown or expired (then deleted). */
export async function sessionUser(
  db: Database,
  token: string,
  { now = new Date(), policy = DEFAULT_SESSION_POLICY }: { now?: Date; policy?: SessionPolicy } = {},
): Promise<UserView | null> {
  if (!token) return null;
  const id = secretHash(token);
  const row = await sessionRow(db, id);
  if (!row) return null;
  const session = { expiresAt: asDate(row.expiresAt) as Date, lastSeenAt: asDate(row.lastSeenAt) as Date, user: row };
  const idle = session.user.email === null ? policy.guestIdleMs : policy.idleMs;
  const t = now.getTime();
  if (t >= session.expiresAt.getTime() || t - session.lastSeenAt.getTime() >= idle) {
    await db.prisma.$transaction([db.prisma.session.deleteMany({ where: { id } })]);
    return null;
  }
  if (t - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.prisma.$transaction([db.prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } })]);
  }
  return view(session.user);
}

export type SignUpProblem = "email-invalid" | "display-name-invalid" | PasswordProblem | "email-taken";

/**
 * Makes an account. A guest signing up becomes the account, keeping every variant and attempt;
 * all its sessions end and a new one starts (session rotation).
 */
export async function signUp(
  db: Database,
  input: {
    email: string;
    password: string;
    displayName?: string;
    locale?: Locale;
    guestUserId?: string | null;
    now?: Date;
    policy?: SessionPolicy;
  },
): Promise<({ ok: true } & SignedIn) | { ok: false; problem: SignUpProblem }> {
  const email = normalizeEmail(input.email);
  if (!email) return { ok: false, problem: "email-invalid" };
  const displayName = normalizeDisplayName(input.displayName || email.split("@")[0] || "");
  if (!displayName) return { ok: false, problem: "display-name-invalid" };
  const problem = passwordProblem(input.password, { email, displayName });
  if (problem) return { ok: false, problem };
  const now = input.now ?? new Date();
  const policy = input.policy ?? DEFAULT_SESSION_POLICY;
  // Hashed before looking the email up: a taken address answers as slowly as a free one.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.prisma.$transaction(async (tx) => {
      const guest = input.guestUserId
        ? await tx.user.findFirst({ where: { id: input.guestUserId, email: null } })
        : null;
      const data = { email, passwordHash, displayName, locale: input.locale ?? "zh" };
      const user = guest
        ? await tx.user.update({ where: { id: guest.id }, data })
        : await tx.user.create({ data: { ...data, id: newId(), seedKey: newId(), createdAt: now } });
      await tx.session.deleteMany({ where: { userId: user.id } });
      return { ok: true as const, user: view(user), token: await openSession(tx, user, now, policy) };
    }, LEARNER_TRANSACTION);
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, problem: "email-taken" };
    throw e;
  }
}

/**
 * Signs in with email and password. Whether the email exists or the password is wrong, the
 * answer and the time taken are the same. A guest's attempts and progress move to the account.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; guestUserId?: string | null; now?: Date; policy?: SessionPolicy },
): Promise<({ ok: true } & SignedIn) | { ok: false }> {
  const email = normalizeEmail(input.email);
  const user = email ? await db.prisma.user.findUnique({ where: { email } }) : null;
  if (!user?.passwordHash) {
    await verifyNothing(input.password);
    return { ok: false };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false };
  const now = input.now ?? new Date();
  const policy = input.policy ?? DEFAULT_SESSION_POLICY;
  return db.prisma.$transaction(async (tx) => {
    if (input.guestUserId && input.guestUserId !== user.id) await mergeGuest(db, tx, input.guestUserId, user.id);
    return { ok: true as const, user: view(user), token: await openSession(tx, user, now, policy) };
  }, LEARNER_TRANSACTION);
}

/** Ends the session whose cookie holds `token` (nothing happens for an unknown token). */
export async function signOut(db: Database, token: string): Promise<void> {
  await db.prisma.$transaction([db.prisma.session.deleteMany({ where: { id: secretHash(token) } })]);
}

/**
 * Moves a guest's work into an account, then deletes the guest. The guest's variants become the
 * account's latest (numbered after the account's own), so the learner continues where they were.
 */
async function mergeGuest(db: Database, tx: Tx, guestId: string, userId: string): Promise<void> {
  // On PostgreSQL (read committed), lock the guest first: an attempt another tab commits for the
  // guest meanwhile then waits, and fails visibly once the guest is gone, instead of being
  // deleted with it unseen. SQLite runs one write transaction at a time anyway.
  if (db.provider === "postgres") await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${guestId} FOR UPDATE`;
  const guest = await tx.user.findFirst({ where: { id: guestId, email: null } });
  if (!guest) return;
  const variants = await tx.variant.findMany({ where: { userId: guestId }, orderBy: { number: "asc" } });
  // The guest's page variants (0, 1, …) go after the account's highest; its grader variants
  // (−1, −2, …) below the account's lowest.
  const offsets = new Map<string, { up: number; down: number }>();
  for (const v of variants) {
    let offset = offsets.get(v.exerciseId);
    if (offset === undefined) {
      const where = { userId, exerciseId: v.exerciseId };
      const top = await tx.variant.findFirst({ where, orderBy: { number: "desc" } });
      const bottom = await tx.variant.findFirst({ where, orderBy: { number: "asc" } });
      offset = {
        up: top && top.number >= 0 ? top.number + 1 : 0,
        down: bottom && bottom.number < 0 ? bottom.number : 0,
      };
      offsets.set(v.exerciseId, offset);
    }
    const number = v.number >= 0 ? v.number + offset.up : v.number + offset.down;
    await tx.variant.update({ where: { id: v.id }, data: { userId, number } });
  }
  await tx.attempt.updateMany({ where: { userId: guestId }, data: { userId } });
  for (const p of await tx.exerciseProgress.findMany({ where: { userId: guestId } })) {
    const mine = await tx.exerciseProgress.findUnique({
      where: { userId_exerciseId: { userId, exerciseId: p.exerciseId } },
    });
    await tx.exerciseProgress.upsert({
      where: { userId_exerciseId: { userId, exerciseId: p.exerciseId } },
      create: { ...p, userId },
      update: {
        attempts: (mine?.attempts ?? 0) + p.attempts,
        bestScore: Math.max(mine?.bestScore ?? 0, p.bestScore),
        solvedAt: earliest(mine?.solvedAt, p.solvedAt),
        lastAttemptAt: latest(mine?.lastAttemptAt, p.lastAttemptAt),
      },
    });
  }
  for (const p of await tx.lessonProgress.findMany({ where: { userId: guestId } })) {
    const mine = await tx.lessonProgress.findUnique({
      where: { userId_lessonPath: { userId, lessonPath: p.lessonPath } },
    });
    await tx.lessonProgress.upsert({
      where: { userId_lessonPath: { userId, lessonPath: p.lessonPath } },
      create: { ...p, userId },
      update: {
        firstVisitedAt: earliest(mine?.firstVisitedAt, p.firstVisitedAt) ?? p.firstVisitedAt,
        lastVisitedAt: latest(mine?.lastVisitedAt, p.lastVisitedAt),
        completedAt: earliest(mine?.completedAt, p.completedAt),
      },
    });
  }
  await tx.user.delete({ where: { id: guestId } });
}

const earliest = (a: Date | null | undefined, b: Date | null | undefined) =>
  a && b ? (a < b ? a : b) : (a ?? b ?? null);
const latest = (a: Date | null | undefined, b: Date) => (a && a > b ? a : b);

/** The account with this email (any case, spaces trimmed), or null: `findUserByEmail(db, " Ann@Example.com")`. */
export async function findUserByEmail(db: Database, email: string): Promise<UserView | null> {
  const normalized = normalizeEmail(email);
  const user = normalized ? await db.prisma.user.findUnique({ where: { email: normalized } }) : null;
  return user ? view(user) : null;
}

/**
 * Which of `ids` are learners (guests included; not instructors), for whom a grader may record
 * attempts: `existingLearnerIds(db, ["a", "nope"])` → Set {"a"}.
 */
export async function existingLearnerIds(db: Database, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  // In slices: SQLite and PostgreSQL both cap the parameters of one statement.
  for (let i = 0; i < unique.length; i += 500) {
    const slice = unique.slice(i, i + 500);
    const rows = await db.direct.query<{ id: string }>({
      sql: `SELECT "id" FROM "User" WHERE "role" = 'learner' AND "id" IN (${parameterList(1, slice.length)})`,
      params: slice,
    });
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/**
 * Makes `email` an instructor: an existing account is promoted (its password unchanged unless
 * given), otherwise a new account is made with `password`. For `pnpm db:create-instructor`.
 */
export async function makeInstructor(
  db: Database,
  input: { email: string; password?: string; displayName?: string },
): Promise<
  { ok: true; user: UserView; created: boolean } | { ok: false; problem: SignUpProblem | "password-required" }
> {
  const email = normalizeEmail(input.email);
  if (!email) return { ok: false, problem: "email-invalid" };
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email, displayName: input.displayName });
    if (problem) return { ok: false, problem };
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const existing = await db.prisma.user.findUnique({ where: { email } });
  if (!existing && !passwordHash) return { ok: false, problem: "password-required" };
  const displayName = normalizeDisplayName(input.displayName || email.split("@")[0] || "") ?? "instructor";
  const user = await db.prisma.$transaction(async (tx) =>
    existing
      ? tx.user.update({
          where: { id: existing.id },
          data: { role: "instructor", ...(passwordHash ? { passwordHash } : {}) },
        })
      : tx.user.create({
          data: { id: newId(), seedKey: newId(), email, passwordHash, displayName, role: "instructor" },
        }),
  );
  return { ok: true, user: view(user), created: !existing };
}

import { describe, expect, it } from "vitest";
import { freshDatabase, providers } from "../test/databases.ts";
import {
  createGuest,
  currentVariants,
  DEFAULT_SESSION_POLICY,
  drawVariant,
  existingLearnerIds,
  findUserByEmail,
  GUEST_JOIN_WINDOW_MS,
  learnerProgress,
  makeInstructor,
  recordAttempt,
  removeIdleGuests,
  sessionUser,
  signIn,
  signOut,
  signUp,
  visitorSeedKey,
} from "./index.ts";

const DAY = 86_400_000;

describe.each(providers)("accounts on %s", (provider) => {
  it("keeps a guest's attempts and variants when it signs up, and rotates the session", async () => {
    const db = await freshDatabase(provider);
    const guest = await createGuest(db, { visitorId: "visitor-a" });
    const { variant } = await drawVariant(db, {
      userId: guest.user.id,
      exerciseId: "softmax-probability",
      after: -1,
      seed: 7,
      contentVersion: "v1",
    });
    await recordAttempt(db, {
      userId: guest.user.id,
      variantId: variant.id,
      lessonPath: "/softmax/",
      lessonExerciseIds: ["softmax-probability"],
      answer: "0.3",
      status: "incorrect",
      score: 0,
    });
    const account = await signUp(db, {
      email: " Ann@Example.COM ",
      password: "注意力就是你所需要的",
      guestUserId: guest.user.id,
    });
    if (!account.ok) throw new Error(account.problem);
    expect(account.user).toMatchObject({ id: guest.user.id, email: "ann@example.com", isGuest: false });
    expect(await sessionUser(db, guest.token)).toBeNull();
    expect((await sessionUser(db, account.token))?.id).toBe(guest.user.id);
    const progress = await learnerProgress(db, account.user.id);
    expect(progress.exercises).toMatchObject([{ exerciseId: "softmax-probability", attempts: 1, solved: false }]);
    expect((await currentVariants(db, account.user.id, ["softmax-probability"])).get("softmax-probability")?.seed).toBe(
      7,
    );
  });

  it("gives a visitor answering in two tabs at once one guest, and a signed-out account's visitor a new one", async () => {
    const db = await freshDatabase(provider);
    const [a, b] = await Promise.all([
      createGuest(db, { visitorId: "visitor-two-tabs" }),
      createGuest(db, { visitorId: "visitor-two-tabs" }),
    ]);
    expect(a.user.id).toBe(b.user.id);
    expect(a.token).not.toBe(b.token);
    expect((await sessionUser(db, a.token))?.id).toBe(a.user.id);
    expect((await sessionUser(db, b.token))?.id).toBe(a.user.id);

    const account = await signUp(db, {
      email: "tabs@example.com",
      password: "a fine passphrase",
      guestUserId: a.user.id,
    });
    if (!account.ok) throw new Error(account.problem);
    const after = await createGuest(db, { visitorId: "visitor-two-tabs" });
    expect(after.user.id).not.toBe(account.user.id);
    expect(after.user.isGuest).toBe(true);
    // The browser is given a fresh visitor id, which seeds the new guest's numbers.
    expect(after.visitorId).not.toBe("visitor-two-tabs");
    expect(after.user.seedKey).toBe(visitorSeedKey(after.visitorId));
  });

  it("stores no visitor id, and opens no session for a visitor id once its guest's first minute is over", async () => {
    const db = await freshDatabase(provider);
    const visitorId = "victim-visitor-id-0123";
    const made = new Date("2026-12-01T10:00:00Z");
    const victim = await createGuest(db, { visitorId, now: made });
    expect(victim.visitorId).toBe(visitorId);
    expect(victim.user.seedKey).toBe(visitorSeedKey(visitorId));
    const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM "User"');
    expect(JSON.stringify(rows)).not.toContain(visitorId);
    // Within the minute: the same visitor's second tab joins its guest.
    const secondTab = await createGuest(db, { visitorId, now: new Date(made.getTime() + GUEST_JOIN_WINDOW_MS - 1) });
    expect(secondTab.user.id).toBe(victim.user.id);
    // After it, someone presenting the id without the session gets a guest of their own.
    const later = await createGuest(db, { visitorId, now: new Date(made.getTime() + GUEST_JOIN_WINDOW_MS) });
    expect(later.user.id).not.toBe(victim.user.id);
    expect(later.visitorId).not.toBe(visitorId);
  });

  it("removes guests without attempts after a while, and keeps every other user", async () => {
    const db = await freshDatabase(provider);
    const old = new Date("2026-11-01T00:00:00Z");
    const idle = await createGuest(db, { visitorId: "idle-visitor", now: old });
    await drawVariant(db, { userId: idle.user.id, exerciseId: "e", after: -1, seed: 1, contentVersion: "v" });
    const working = await createGuest(db, { visitorId: "working-visitor", now: old });
    const { variant } = await drawVariant(db, {
      userId: working.user.id,
      exerciseId: "e",
      after: -1,
      seed: 1,
      contentVersion: "v",
    });
    await recordAttempt(db, {
      userId: working.user.id,
      variantId: variant.id,
      lessonPath: "/x/",
      lessonExerciseIds: ["e"],
      answer: "1",
      status: "incorrect",
      score: 0,
    });
    const recent = await createGuest(db, { visitorId: "recent-visitor" });
    const account = await signUp(db, { email: "keep@example.com", password: "a fine passphrase" });
    if (!account.ok) throw new Error(account.problem);
    expect(await removeIdleGuests(db, new Date("2026-11-02T00:00:00Z"))).toBe(1);
    expect(await sessionUser(db, idle.token)).toBeNull();
    for (const kept of [working, recent, account]) expect((await sessionUser(db, kept.token))?.id).toBe(kept.user.id);
  });

  it("refuses weak passwords, bad emails and taken emails", async () => {
    const db = await freshDatabase(provider);
    expect(await signUp(db, { email: "a@b.co", password: "short" })).toEqual({ ok: false, problem: "too-short" });
    expect(await signUp(db, { email: "a@b.co", password: "password123" })).toEqual({ ok: false, problem: "common" });
    expect(await signUp(db, { email: "a@b.co", password: "\u200b".repeat(8) })).toEqual({
      ok: false,
      problem: "blank",
    });
    expect(await signUp(db, { email: "a@b.co", password: "87654321" })).toEqual({ ok: false, problem: "sequence" });
    // The account's own words, whether the name is given or taken from the email.
    expect(await signUp(db, { email: "ann.lee@b.co", password: "Ann.Lee 2024" })).toEqual({
      ok: false,
      problem: "personal",
    });
    expect(await signUp(db, { email: "w@b.co", password: "wangxiaoming!", displayName: "Wang Xiaoming" })).toEqual({
      ok: false,
      problem: "personal",
    });
    expect(await signUp(db, { email: "not an email", password: "a fine passphrase" })).toEqual({
      ok: false,
      problem: "email-invalid",
    });
    expect((await signUp(db, { email: "a@b.co", password: "a fine passphrase" })).ok).toBe(true);
    expect(await signUp(db, { email: "A@B.co", password: "another passphrase" })).toEqual({
      ok: false,
      problem: "email-taken",
    });
  });

  it("answers a wrong password and an unknown email alike, and moves a guest's work on sign-in", async () => {
    const db = await freshDatabase(provider);
    const made = await signUp(db, { email: "bo@example.com", password: "correct horse battery" });
    if (!made.ok) throw new Error(made.problem);
    expect(await signIn(db, { email: "bo@example.com", password: "wrong horse battery" })).toEqual({ ok: false });
    expect(await signIn(db, { email: "nobody@example.com", password: "correct horse battery" })).toEqual({ ok: false });

    const guest = await createGuest(db, { visitorId: "visitor-b" });
    const { variant } = await drawVariant(db, {
      userId: guest.user.id,
      exerciseId: "attention-weights",
      after: -1,
      seed: 3,
      contentVersion: "v1",
    });
    await recordAttempt(db, {
      userId: guest.user.id,
      variantId: variant.id,
      lessonPath: "/attention/",
      lessonExerciseIds: ["attention-weights"],
      answer: "[[1]]",
      status: "correct",
      score: 1,
    });
    const back = await signIn(db, {
      email: "BO@example.com",
      password: "correct horse battery",
      guestUserId: guest.user.id,
    });
    if (!back.ok) throw new Error("sign-in failed");
    expect(back.user.id).toBe(made.user.id);
    expect(back.token).not.toBe(made.token);
    const progress = await learnerProgress(db, made.user.id);
    expect(progress.exercises).toMatchObject([{ exerciseId: "attention-weights", solved: true }]);
    expect(progress.lessons).toMatchObject([{ lessonPath: "/attention/" }]);
    expect(progress.lessons[0]?.completedAt).not.toBeNull();
    expect(await sessionUser(db, guest.token)).toBeNull();

    await signOut(db, back.token);
    expect(await sessionUser(db, back.token)).toBeNull();
    expect((await sessionUser(db, made.token))?.id).toBe(made.user.id);
  });

  it("finds each session's own user when many are asked at once (one statement on PostgreSQL)", async () => {
    const db = await freshDatabase(provider);
    const guests = await Promise.all(Array.from({ length: 30 }, (_, i) => createGuest(db, { visitorId: `many-${i}` })));
    const asked = [...guests, ...guests].map((g) => g.token);
    const users = await Promise.all([
      ...asked.map((token) => sessionUser(db, token)),
      sessionUser(db, "no-such-token"),
    ]);
    expect(users.slice(0, asked.length).map((u) => u?.id)).toEqual([...guests, ...guests].map((g) => g.user.id));
    expect(users.at(-1)).toBeNull();
  });

  it("ends sessions after the idle timeout and after the absolute lifetime", async () => {
    const db = await freshDatabase(provider);
    const t0 = new Date("2026-01-01T00:00:00Z");
    const made = await signUp(db, { email: "cy@example.com", password: "a fine passphrase", now: t0 });
    if (!made.ok) throw new Error(made.problem);
    const policy = DEFAULT_SESSION_POLICY;
    // Active every 6 days: the idle timeout (7 days) never fires, the absolute one (30) does.
    let t = t0.getTime();
    for (let day = 6; day < 30; day += 6) {
      t = t0.getTime() + day * DAY;
      expect(await sessionUser(db, made.token, { now: new Date(t), policy })).not.toBeNull();
    }
    expect(await sessionUser(db, made.token, { now: new Date(t0.getTime() + 30 * DAY), policy })).toBeNull();

    const idle = await signIn(db, { email: "cy@example.com", password: "a fine passphrase", now: t0 });
    if (!idle.ok) throw new Error("sign-in failed");
    expect(await sessionUser(db, idle.token, { now: new Date(t0.getTime() + 8 * DAY), policy })).toBeNull();

    // A later sign-in clears the sessions that ran out without their cookie coming back.
    const other = await signIn(db, { email: "cy@example.com", password: "a fine passphrase", now: t0 });
    if (!other.ok) throw new Error("sign-in failed");
    const later = await signIn(db, {
      email: "cy@example.com",
      password: "a fine passphrase",
      now: new Date(t0.getTime() + 40 * DAY),
    });
    if (!later.ok) throw new Error("sign-in failed");
    expect(await db.prisma.session.count({ where: { userId: made.user.id } })).toBe(1);
  });

  it("makes an instructor, promoting an existing account", async () => {
    const db = await freshDatabase(provider);
    expect(await makeInstructor(db, { email: "ta@example.com" })).toEqual({ ok: false, problem: "password-required" });
    const made = await makeInstructor(db, { email: "ta@example.com", password: "teaching assistant 1" });
    expect(made).toMatchObject({ ok: true, created: true, user: { role: "instructor" } });
    await signUp(db, { email: "lee@example.com", password: "a fine passphrase" });
    expect(await makeInstructor(db, { email: "lee@example.com" })).toMatchObject({
      ok: true,
      created: false,
      user: { role: "instructor", email: "lee@example.com" },
    });
    expect((await signIn(db, { email: "lee@example.com", password: "a fine passphrase" })).ok).toBe(true);
  });

  it("says which ids are learners (guests included, instructors not), and finds an account by email", async () => {
    const db = await freshDatabase(provider);
    const guest = await createGuest(db, { visitorId: "visitor-e" });
    const account = await signUp(db, { email: "eve@example.com", password: "a fine passphrase" });
    if (!account.ok) throw new Error(account.problem);
    const teacher = await makeInstructor(db, { email: "ted@example.com", password: "teaching assistant 2" });
    if (!teacher.ok) throw new Error(teacher.problem);
    const many = Array.from({ length: 1200 }, (_, i) => `missing-${i}`);
    const named = [guest.user.id, "nobody", account.user.id, teacher.user.id, guest.user.id, ...many];
    const found = await existingLearnerIds(db, named);
    expect([...found].sort()).toEqual([guest.user.id, account.user.id].sort());
    expect(await existingLearnerIds(db, [])).toEqual(new Set());
    expect((await findUserByEmail(db, "  EVE@example.com "))?.id).toBe(account.user.id);
    expect(await findUserByEmail(db, "nobody@example.com")).toBeNull();
    expect(await findUserByEmail(db, "not an email")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { isLearnerId, newLearnerId } from "./learner-id";
import {
  afterVerdict,
  type ExerciseState,
  hintsDue,
  MAX_STATE_COOKIE_LENGTH,
  nextVariant,
  parseExerciseStates,
  serializeExerciseStates,
  solutionDue,
  variantSeed,
} from "./learner-state";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("learner ids", () => {
  it("are 128 random bits in base64url, different every time", () => {
    const ids = new Set(Array.from({ length: 100 }, newLearnerId));
    expect(ids.size).toBe(100);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, "base64url")).toHaveLength(16);
      expect(isLearnerId(id)).toBe(true);
    }
  });

  it("refuse anything else", () => {
    for (const bad of [undefined, "", "short", "a".repeat(23), `${"a".repeat(21)}=`, `${"a".repeat(21)}/`]) {
      expect(isLearnerId(bad)).toBe(false);
    }
  });
});

describe("variantSeed", () => {
  it("is sha256 of learner, exercise and variant, cut to 31 bits", () => {
    // sha256("learner:attention-weights:0") starts with 2c40330d: its first 32 bits, top bit dropped.
    expect(variantSeed("learner", "attention-weights", 0)).toBe(0x2c40330d >>> 1);
  });

  it("is the same for the same learner, exercise and variant, and differs otherwise", () => {
    const seed = variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "attention-weights", 0);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "attention-weights", 0)).toBe(seed);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "attention-weights", 1)).not.toBe(seed);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNB", "attention-weights", 0)).not.toBe(seed);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "softmax-temperature", 0)).not.toBe(seed);
  });

  it("stays in [0, 2^31)", () => {
    for (let v = 0; v < 2000; v++) {
      const seed = variantSeed("learner", "x", v);
      expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31).toBe(true);
    }
  });
});

describe("the exercise state cookie", () => {
  it("round-trips compactly, leaving out zero attempts and unsolved", () => {
    const states = { a: { v: 2, a: 0, s: false }, "attention-weights": { v: 0, a: 3, s: true } };
    const cookie = serializeExerciseStates(states);
    expect(JSON.parse(Buffer.from(cookie, "base64url").toString())).toEqual({
      a: { v: 2 },
      "attention-weights": { v: 0, a: 3, s: true },
    });
    expect(cookie).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseExerciseStates(cookie)).toEqual(states);
  });

  it("reads garbage as a fresh start, and keeps the entries that are valid", () => {
    for (const garbage of [undefined, "", "%%%", "bm90IGpzb24", encode([1, 2]), encode("x"), encode(null)]) {
      expect(parseExerciseStates(garbage)).toEqual({});
    }
    const mixed = encode({
      good: { v: 1, a: 2 },
      negative: { v: -1 },
      fraction: { v: 0.5 },
      extra: { v: 0, x: 1 },
      huge: { v: 1e9 },
      "bad id!": { v: 0 },
      notObject: 3,
    });
    expect(parseExerciseStates(mixed)).toEqual({ good: { v: 1, a: 2, s: false } });
  });

  it("stays under the cookie size limit by dropping the exercises touched longest ago", () => {
    const states: Record<string, ExerciseState> = {};
    for (let i = 0; i < 200; i++) states[`exercise-number-${i}`] = { v: 12, a: 2, s: true };
    const cookie = serializeExerciseStates(states, "exercise-number-5");
    expect(cookie.length).toBeLessThanOrEqual(MAX_STATE_COOKIE_LENGTH);
    const kept = Object.keys(parseExerciseStates(cookie));
    expect(kept.at(-1)).toBe("exercise-number-5");
    expect(kept).toContain("exercise-number-199");
    expect(kept).not.toContain("exercise-number-0");
  });
});

describe("progress through a variant", () => {
  const fresh: ExerciseState = { v: 0, a: 0, s: false };

  it("counts wrong and partly right answers as attempts, never unreadable ones", () => {
    expect(afterVerdict(fresh, "invalid")).toEqual(fresh);
    expect(afterVerdict(fresh, "incorrect")).toEqual({ v: 0, a: 1, s: false });
    expect(afterVerdict({ v: 0, a: 1, s: false }, "partial")).toEqual({ v: 0, a: 2, s: false });
    expect(afterVerdict({ v: 0, a: 2, s: false }, "correct")).toEqual({ v: 0, a: 2, s: true });
    expect(afterVerdict({ v: 0, a: 2, s: true }, "incorrect")).toEqual({ v: 0, a: 2, s: true });
  });

  it("reveals hint k after k wrong attempts, the solution after success or three", () => {
    expect(hintsDue(fresh, 2)).toBe(0);
    expect(hintsDue({ v: 0, a: 1, s: false }, 2)).toBe(1);
    expect(hintsDue({ v: 0, a: 5, s: false }, 2)).toBe(2);
    expect(solutionDue({ v: 0, a: 2, s: false })).toBe(false);
    expect(solutionDue({ v: 0, a: 3, s: false })).toBe(true);
    expect(solutionDue({ v: 0, a: 0, s: true })).toBe(true);
  });

  it("starts a new variant with no attempts", () => {
    expect(nextVariant({ v: 4, a: 3, s: true })).toEqual({ v: 5, a: 0, s: false });
  });
});

import { describe, expect, it } from "vitest";
import { isLearnerId, newLearnerId } from "./learner-id";

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

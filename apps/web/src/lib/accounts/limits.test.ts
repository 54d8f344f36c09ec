import { describe, expect, it } from "vitest";
import { AccountAttemptLimits } from "./limits";

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const settings = { perEmail: 10, perAddress: 30, windowSeconds: 900 };

describe("AccountAttemptLimits", async () => {
  it("allows an email 10 attempts, then says how long to wait (one attempt refills every 90 s)", async () => {
    const time = clock();
    const limits = new AccountAttemptLimits(settings, time.now);
    for (let i = 0; i < 10; i++) expect(await limits.admit("1.2.3.4", "ann@example.com")).toEqual({ allowed: true });
    expect(await limits.admit("1.2.3.4", "ann@example.com")).toEqual({ allowed: false, retryAfterSeconds: 90 });
    // From another address too: the email's bucket is its own.
    expect(await limits.admit("5.6.7.8", "ann@example.com")).toEqual({ allowed: false, retryAfterSeconds: 90 });
    time.advance(60_000);
    expect(await limits.admit("5.6.7.8", "ann@example.com")).toEqual({ allowed: false, retryAfterSeconds: 30 });
    time.advance(30_000);
    expect(await limits.admit("5.6.7.8", "ann@example.com")).toEqual({ allowed: true });
    // Other emails were never limited.
    expect(await limits.admit("1.2.3.4", "bob@example.com")).toEqual({ allowed: true });
  });

  it("allows an address 30 attempts whatever the emails, and a refused address uses up no email's attempts", async () => {
    const time = clock();
    const limits = new AccountAttemptLimits(settings, time.now);
    for (let i = 0; i < 30; i++) expect((await limits.admit("1.2.3.4", `user${i}@example.com`)).allowed).toBe(true);
    expect(await limits.admit("1.2.3.4", "ann@example.com")).toEqual({ allowed: false, retryAfterSeconds: 30 });
    for (let i = 0; i < 20; i++) await limits.admit("1.2.3.4", "ann@example.com");
    // ann's ten attempts are all still there for her own address.
    for (let i = 0; i < 10; i++) expect((await limits.admit("9.9.9.9", "ann@example.com")).allowed).toBe(true);
    expect((await limits.admit("9.9.9.9", "ann@example.com")).allowed).toBe(false);
  });

  it("turns a limit off with 0", async () => {
    const limits = new AccountAttemptLimits({ perEmail: 0, perAddress: 0, windowSeconds: 900 }, clock().now);
    for (let i = 0; i < 1000; i++) expect((await limits.admit("1.2.3.4", "ann@example.com")).allowed).toBe(true);
    const byAddressOnly = new AccountAttemptLimits({ perEmail: 0, perAddress: 2, windowSeconds: 900 }, clock().now);
    expect((await byAddressOnly.admit("1.2.3.4", "a@example.com")).allowed).toBe(true);
    expect((await byAddressOnly.admit("1.2.3.4", "b@example.com")).allowed).toBe(true);
    expect((await byAddressOnly.admit("1.2.3.4", "c@example.com")).allowed).toBe(false);
  });
});

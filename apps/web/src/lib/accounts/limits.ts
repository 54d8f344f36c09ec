import { type Limiter, memoryLimiter } from "@/lib/http/limits";

// Guessing passwords is bounded twice: per client address (one machine trying many accounts)
// and per normalized email (many machines trying one account). Both are limits of the grading
// API's kind (lib/http/limits.ts: in memory with SQLite, shared through PostgreSQL). They are asked
// before a password is hashed or verified, so a refused attempt costs the server almost nothing.

/** Attempts allowed per window; 0 turns that limit off. */
export interface AccountLimitSettings {
  perEmail: number;
  perAddress: number;
  windowSeconds: number;
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Sign-in and sign-up attempts, counted per client address and per email.
 * `await new AccountAttemptLimits({ perEmail: 10, perAddress: 100, windowSeconds: 900 }).admit("1.2.3.4", "ann@example.com")`
 * → `{ allowed: true }`, ten times in a row; then `{ allowed: false, retryAfterSeconds: 90 }`.
 */
export class AccountAttemptLimits {
  readonly #byAddress: Limiter | undefined;
  readonly #byEmail: Limiter | undefined;

  /** `limiter` makes each limit (in memory unless told otherwise); a limit of 0 is none. */
  constructor(
    settings: AccountLimitSettings,
    now: () => number = Date.now,
    limiter: (name: string, limit: number, windowSeconds: number) => Limiter | undefined = (_, limit, window) =>
      memoryLimiter(limit, window, now),
  ) {
    const { perEmail, perAddress, windowSeconds } = settings;
    this.#byAddress = perAddress > 0 ? limiter("accounts-address", perAddress, windowSeconds) : undefined;
    this.#byEmail = perEmail > 0 ? limiter("accounts-email", perEmail, windowSeconds) : undefined;
  }

  /**
   * Takes one attempt from the address's bucket and then from the email's. An address that is
   * refused takes nothing from the email, so one machine cannot lock others out of an account
   * faster than its own limit allows.
   */
  async admit(address: string, email: string): Promise<Admission> {
    const byAddress = await this.#byAddress?.charge(address, 1);
    if (byAddress && !byAddress.allowed) return { allowed: false, retryAfterSeconds: byAddress.retryAfterSeconds };
    const byEmail = await this.#byEmail?.charge(email, 1);
    if (byEmail && !byEmail.allowed) return { allowed: false, retryAfterSeconds: byEmail.retryAfterSeconds };
    return { allowed: true };
  }
}

import "server-only";
import { removeIdleGuests } from "@llm-basics/db";
import { env } from "@/env";
import { database } from "@/lib/db";

// Guests that never had an attempt (a visitor who only asked for new numbers, or whose answer
// could not be recorded) are removed GUEST_IDLE_DAYS after they were made: a minute after
// start-up (not while the server, or several instances started together, are busy starting)
// and then every hour, in each server process (deleting is idempotent, so several processes on
// one PostgreSQL database do no harm).

const HOUR_MS = 3_600_000;
const AFTER_START_MS = 60_000;

/** Starts the hourly removal; a failure is logged and tried again the next hour. */
export function startGuestCleanup(): void {
  const days = env.guests.idleDays;
  if (days === 0) return;
  const run = () => {
    removeIdleGuests(database(), new Date(Date.now() - days * 24 * HOUR_MS)).catch((error: unknown) =>
      console.error("removing idle guests failed:", error),
    );
  };
  setTimeout(run, AFTER_START_MS).unref();
  setInterval(run, HOUR_MS).unref();
}

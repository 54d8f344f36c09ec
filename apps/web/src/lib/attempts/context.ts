import "server-only";
import { getSite } from "@/lib/course/site";
import { database } from "@/lib/db";
import { exerciseRenderer } from "@/lib/exercises/renderer";
import { chargeClient, chargeGradingTime, chargeNewGuest } from "@/lib/grading-api/handler";
import type { AttemptContext } from "./page";

/**
 * What a request's answer is checked, metered, graded and recorded with (page.ts): the server's
 * database, course and renderer, and the limits of the client `headers` tell apart. Grading
 * from the page counts against the same per-client limit as the grading API.
 */
export async function attemptContext(headers: Headers): Promise<AttemptContext> {
  return {
    db: database(),
    site: await getSite(),
    renderer: exerciseRenderer(),
    charge: (units) => chargeClient(headers, units),
    graded: (milliseconds) => chargeGradingTime(headers, 1, milliseconds),
    chargeGuest: () => chargeNewGuest(headers),
  };
}

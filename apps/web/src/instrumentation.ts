/** Runs once when the server starts (Next's instrumentation hook). */
export async function register(): Promise<void> {
  // Written this way so the edge bundle leaves the Node-only module out.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddresses } = await import("@/lib/http/client-address");
    // The grading API's rate limit tells clients apart by their connection's address, which a
    // route handler is not given: the server writes it on each request (lib/http/client-address.ts).
    stampPeerAddresses((await import("node:http")).Server);
    const { startGuestCleanup } = await import("@/lib/session/guest-cleanup");
    startGuestCleanup();
    if (process.env.NODE_ENV === "production") {
      // Read and render the course now, not on the first learner's request: ten lessons in two
      // languages take 2.4–3.5 s on an idle core (more under load), which the first page view
      // and the first answer of a freshly started server would otherwise wait for. A content
      // error is reported by the request that needs the course, as before.
      const { getSite } = await import("@/lib/course/site");
      getSite().catch(() => {});
    }
  }
}

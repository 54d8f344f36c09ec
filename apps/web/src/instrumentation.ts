/** Runs once when the server starts (Next's instrumentation hook). */
export async function register(): Promise<void> {
  // Written this way so the edge bundle leaves the Node-only module out.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddresses } = await import("@/lib/grading-api/client");
    // The grading API's rate limit tells clients apart by their connection's address, which a
    // route handler is not given: the server writes it on each request (lib/grading-api/client.ts).
    stampPeerAddresses((await import("node:http")).Server);
  }
}

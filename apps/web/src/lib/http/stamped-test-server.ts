import { createServer, type IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import { stampPeerAddresses } from "./client-address";

// For the tests of what a route handler reads from a request's headers: a plain Node server on
// 127.0.0.1 standing for the production server, with the peer stamp on every request it gets.

/**
 * Starts the server (closed after the file's tests); `request(headers)` sends it a request and
 * returns the headers a handler received, stamp included.
 */
export function stampedTestServer(): { request: (headers?: Record<string, string>) => Promise<Headers> } {
  stampPeerAddresses(Server);
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.end();
  });
  const listening = new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    request: async (headers = {}) => {
      await fetch(`http://127.0.0.1:${await listening}/`, { headers });
      return new Headers(seen.at(-1) as Record<string, string>);
    },
  };
}

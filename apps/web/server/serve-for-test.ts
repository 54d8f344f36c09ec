import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

// For the tests of the production server's own handlers (static pages, static assets): a plain
// Node server on 127.0.0.1 that answers with the handler, and what the handler leaves with a 418
// standing for "left to Next.js".

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Starts the server before the file's tests, with the handler `prepare` resolves to, and closes
 * it after them. `origin` (`http://127.0.0.1:<port>`) is there once the tests run.
 */
export function serveForTest(prepare: () => Promise<Handler>): { readonly origin: string } {
  let origin = "";
  let close = (): Promise<void> => Promise.resolve();
  beforeAll(async () => {
    const serve = await prepare();
    const server = createServer((req, res) => {
      if (serve(req, res)) return;
      res.writeHead(418).end("left to Next.js");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());
  return {
    get origin() {
      return origin;
    },
  };
}

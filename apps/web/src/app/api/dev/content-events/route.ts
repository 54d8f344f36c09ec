import { env } from "@/env";
import { onContentChange } from "@/lib/course/content-changes";

export const dynamic = "force-dynamic";

/**
 * Development only: a server-sent event each time a file under content/ changes, so the
 * open page refreshes itself. Production answers 404.
 */
export function GET(request: Request): Response {
  if (!env.isDev) return new Response("Not found", { status: 404 });
  const encoder = new TextEncoder();
  let close = (): void => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A first chunk flushes the headers, so the browser knows the watch has begun.
      controller.enqueue(encoder.encode(": watching content/\n\n"));
      let timer: NodeJS.Timeout | undefined;
      const stopListening = onContentChange(() => {
        // Editors write a file in several steps; send one event per burst.
        clearTimeout(timer);
        timer = setTimeout(() => controller.enqueue(encoder.encode("data: changed\n\n")), 80);
      });
      const keepAlive = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), 25_000);
      close = () => {
        clearTimeout(timer);
        clearInterval(keepAlive);
        stopListening();
      };
      request.signal.addEventListener("abort", () => {
        close();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      });
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform" },
  });
}

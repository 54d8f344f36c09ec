import { jsonResponse } from "@/lib/grading-api/http";

export const dynamic = "force-dynamic";

/** Any other URL under /api/v1: a JSON 404 (not the site's HTML page) that points at the document. */
function notFound(request: Request): Response {
  return jsonResponse(404, {
    error: {
      code: "not-found",
      message: `no API at ${new URL(request.url).pathname}; the endpoints are listed in /api/v1/openapi.json`,
    },
  });
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as OPTIONS,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};

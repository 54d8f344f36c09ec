import { ApiError, jsonResponse, requestLocale, said } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** Any other URL under /api/v1: a JSON 404 (not the site's HTML page) that points at the document. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  const message = said(
    `no API at ${path}; the endpoints are listed in /api/v1/openapi.json`,
    `${path} 没有 API；所有端点列在 /api/v1/openapi.json`,
  );
  return jsonResponse(404, new ApiError(404, "not-found", message).body(requestLocale(request)));
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as OPTIONS,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};

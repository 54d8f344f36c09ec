import { describe, expect, it } from "vitest";
import { MAX_ACTION_BODY_BYTES, refuseUndecodablePost } from "./post-guard";

// The guard every POST to a page passes before Next decodes it, called with the request as the
// proxy gets it.

const host = "127.0.0.1:3000";
const post = (path: string, body: BodyInit | null, headers: Record<string, string>) =>
  new Request(`http://${host}${path}`, {
    method: "POST",
    body,
    headers: { host, ...headers },
    duplex: "half",
  } as RequestInit);
const action = { "next-action": "40abc", "content-type": "text/plain;charset=UTF-8" };

async function refusal(request: Request) {
  const response = await refuseUndecodablePost(request);
  return response ? { status: response.status, text: await response.text() } : undefined;
}

describe("refuseUndecodablePost", () => {
  it("lets a same-site action, form or plain POST through", async () => {
    const json = '["softmax-probability","0.5"]';
    for (const request of [
      post("/softmax/", json, { ...action, origin: `http://${host}`, "content-length": String(json.length) }),
      post("/softmax/", json, { ...action, "content-length": String(json.length) }),
      post("/softmax/", "a=1", { "content-type": "application/x-www-form-urlencoded" }),
    ]) {
      expect(await refusal(request)).toBeUndefined();
    }
  });

  it("refuses another site, an opaque origin, a body over 1 MB, one of unknown length and one Next cannot decode", async () => {
    const big = "a".repeat(MAX_ACTION_BODY_BYTES + 1);
    const cases: Array<[Request, number, RegExp]> = [
      [post("/softmax/", "[]", { ...action, origin: "http://evil.example", "content-length": "2" }), 403, /另一个网站/],
      [post("/en/softmax/", "[]", { ...action, origin: "null", "content-length": "2" }), 403, /another site/],
      [
        post("/softmax/", big, { ...action, origin: `http://${host}`, "content-length": String(big.length) }),
        413,
        /1,048,576/,
      ],
      [post("/softmax/", "[]", { ...action, origin: `http://${host}` }), 411, /Content-Length/],
      [post("/softmax/", "[1,", { ...action, "content-length": "3" }), 400, /无法解析/],
      [post("/softmax/", new Uint8Array([0x5b, 0xff, 0x5d]), { ...action, "content-length": "3" }), 400, /无法解析/],
      [
        post("/en/softmax/", '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n', {
          "content-type": "multipart/form-data; boundary=b",
          "content-length": "45",
        }),
        400,
        /cannot be read/,
      ],
    ];
    for (const [request, status, text] of cases) {
      const refused = await refusal(request);
      expect(refused?.status, `${status} ${text}`).toBe(status);
      expect(refused?.text).toMatch(text);
    }
  });
});

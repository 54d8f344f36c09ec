import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ApiError,
  acceptedLocale,
  fieldName,
  MAX_JSON_DEPTH,
  nestingBeyond,
  parseOrThrow,
  readJsonBody,
  requestLocale,
  said,
  schemaMessage,
} from "./json";

const post = (body: BodyInit | null, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
  new Request("http://localhost/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("readJsonBody", () => {
  it("reads JSON, with or without a charset or a +json type", async () => {
    expect(await readJsonBody(post('{"a": "注意力"}'), 100)).toEqual({ a: "注意力" });
    expect(await readJsonBody(post("[1]", { "Content-Type": "application/vnd.api+json; charset=utf-8" }), 100)).toEqual(
      [1],
    );
  });

  it("refuses a body that is not declared JSON with 415", async () => {
    expect((await failure(readJsonBody(post("{}", { "Content-Type": "text/plain" }), 100))).status).toBe(415);
    expect((await failure(readJsonBody(post("{}", {}), 100))).status).toBe(415);
  });

  it("counts the bytes as they arrive: 413 past the cap even when Content-Length understates it", async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(100)));
        controller.close();
      },
    });
    const lying = post(chunks, { "Content-Type": "application/json", "Content-Length": "10" });
    const error = await failure(readJsonBody(lying, 500));
    expect([error.status, error.code]).toEqual([413, "body-too-large"]);
    expect((await failure(readJsonBody(post("1".repeat(501)), 500))).status).toBe(413);
  });

  it("says where JSON stops parsing, and refuses bytes that are not UTF-8", async () => {
    const error = await failure(readJsonBody(post('{"seed": 1,, }'), 100));
    expect(error.body()).toMatchObject({ error: { code: "invalid-json", position: 11 } });
    expect((await failure(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d])), 100))).message).toBe(
      "the body is not valid UTF-8",
    );
    expect((await failure(readJsonBody(post(""), 100))).message).toContain("empty");
  });

  it("refuses JSON nested deeper than any request needs before parsing it, and reports the size first", async () => {
    const sizes: number[] = [];
    const deep = `${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}`;
    const error = await failure(readJsonBody(post(deep), 5_000_000, (bytes) => sizes.push(bytes)));
    expect(error.body()).toMatchObject({ error: { code: "invalid-json", position: MAX_JSON_DEPTH } });
    expect(sizes).toEqual([4_000_000]);
    // Brackets inside strings are text, not nesting; a real multi-part batch fits.
    const batch = { answers: [{ exerciseId: "a", seed: 1, answer: { scores: "[[[[[[[[[[[[[[[[[[[[[[1" } }] };
    expect(await readJsonBody(post(JSON.stringify(batch)), 1000)).toEqual(batch);
    expect(nestingBeyond('["\\"", [[1]]]', 2)).toBe(8);
  });
});

describe("parseOrThrow", () => {
  const schema = z.strictObject({
    answers: z.array(z.strictObject({ seed: z.int({ error: "expected an integer" }) })),
  });

  it("names the first wrong field as a path, and lists the others", () => {
    const error = (() => {
      try {
        parseOrThrow(
          schema,
          { answers: [{ seed: 1 }, { seed: 1 }, { seed: 1 }, { seed: "x" }, { seed: 2, extra: 1 }] },
          "invalid-body",
        );
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.body()).toEqual({
      error: {
        code: "invalid-body",
        message: "answers[3].seed: expected an integer",
        field: "answers[3].seed",
        issues: [
          { field: "answers[3].seed", message: "expected an integer" },
          { field: "answers[4].extra", message: 'Unrecognized key: "extra"' },
        ],
      },
    });
  });

  it("passes what is valid through", () => {
    expect(parseOrThrow(schema, { answers: [] }, "invalid-body")).toEqual({ answers: [] });
    expect(fieldName(["a", 0, 1, "b"])).toBe("a[0][1].b");
  });
});

describe("errors in the request's language", () => {
  const schema = z.strictObject({
    seed: z.int({ error: schemaMessage("expected an integer", "应为整数") }),
    name: z.string(),
  });
  const failed = (value: unknown) => {
    try {
      parseOrThrow(schema, value, "invalid-body");
    } catch (e) {
      return e as ApiError;
    }
    throw new Error("expected a 400");
  };

  it("gives a schema's own message and zod's in Chinese, each issue by its field", () => {
    const error = failed({ seed: "x", name: 1, extra: true });
    expect(error.body("zh")).toEqual({
      error: {
        code: "invalid-body",
        message: "seed：应为整数",
        field: "seed",
        issues: [
          { field: "seed", message: "应为整数" },
          { field: "name", message: expect.stringMatching(/^无效输入/) },
          { field: "extra", message: expect.stringContaining('"extra"') },
        ],
      },
    });
    expect(error.body("en").error).toMatchObject({ message: "seed: expected an integer" });
    // English is the default: a client that asks for nothing gets what it always got.
    expect(error.body()).toEqual(error.body("en"));
    expect(error.message).toBe("seed: expected an integer");
  });

  it("says every reading error in Chinese too", async () => {
    for (const request of [post(""), post("{"), post("[".repeat(20)), post("x", { "Content-Type": "text/plain" })]) {
      const error = await failure(readJsonBody(request, 100));
      expect(error.body("zh").error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(error.body("en").error.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const tooLarge = await failure(readJsonBody(post("[1,2,3]"), 3));
    expect(tooLarge.body("zh").error.message).toBe("请求体超过了 3 字节");
  });

  it("takes ?locale= first, then Accept-Language, then English", () => {
    const at = (query: string, acceptLanguage?: string) =>
      requestLocale(
        new Request(`http://localhost/api${query}`, {
          headers: acceptLanguage ? { "Accept-Language": acceptLanguage } : {},
        }),
      );
    expect(at("")).toBe("en");
    expect(at("?locale=zh")).toBe("zh");
    expect(at("?locale=en", "zh-CN")).toBe("en");
    expect(at("?locale=fr", "zh-CN")).toBe("zh");
    expect(at("", "fr")).toBe("en");
  });

  it("reads Accept-Language by its weights", () => {
    expect(acceptedLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(acceptedLocale("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(acceptedLocale("fr, en;q=0.5, zh-TW;q=0.7")).toBe("zh");
    expect(acceptedLocale("zh;q=0, en;q=0.1")).toBe("en");
    expect(acceptedLocale("ZH-hans")).toBe("zh");
    expect(acceptedLocale("zh;q=abc, fr")).toBeUndefined();
    expect(acceptedLocale("*")).toBeUndefined();
    expect(acceptedLocale(null)).toBeUndefined();
  });

  it("keeps field, position and headers whatever the language", () => {
    const error = new ApiError(400, "x", said("a", "甲"), { field: "f", position: 3 });
    expect(error.body("zh")).toEqual({ error: { code: "x", message: "甲", field: "f", position: 3 } });
  });
});

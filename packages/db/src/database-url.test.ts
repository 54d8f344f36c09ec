import { describe, expect, it } from "vitest";
import { resolveDatabaseUrl } from "./database-url.ts";

describe("resolveDatabaseUrl", () => {
  it("defaults to SQLite under the repository's data/", () => {
    expect(resolveDatabaseUrl({}, "/srv/llm")).toBe("file:/srv/llm/data/llm-basics.db");
    expect(resolveDatabaseUrl({ databaseUrl: "", dataDir: "" }, "/srv/llm")).toBe("file:/srv/llm/data/llm-basics.db");
  });

  it("puts the file in DATA_DIR, relative to the repository unless absolute", () => {
    expect(resolveDatabaseUrl({ dataDir: "var" }, "/srv/llm")).toBe("file:/srv/llm/var/llm-basics.db");
    expect(resolveDatabaseUrl({ dataDir: "/data" }, "/srv/llm")).toBe("file:/data/llm-basics.db");
  });

  it("takes DATABASE_URL over DATA_DIR, resolving a relative SQLite path from the repository", () => {
    expect(resolveDatabaseUrl({ databaseUrl: "file:./x/y.db", dataDir: "var" }, "/srv/llm")).toBe(
      "file:/srv/llm/x/y.db",
    );
    expect(resolveDatabaseUrl({ databaseUrl: "file:/tmp/a.db" }, "/srv/llm")).toBe("file:/tmp/a.db");
    expect(resolveDatabaseUrl({ databaseUrl: "postgresql://u@h/db" }, "/srv/llm")).toBe("postgresql://u@h/db");
  });
});

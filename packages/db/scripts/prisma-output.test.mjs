import { describe, expect, it } from "vitest";
import { withoutSetupNoise } from "./prisma-output.mjs";

const filter = (chunks) => {
  let out = "";
  const kept = withoutSetupNoise((text) => {
    out += text;
  });
  for (const chunk of chunks) kept.push(chunk);
  kept.end();
  return out;
};

// What Prisma 6.19's `migrate deploy` prints through the driver adapter (stdout and stderr together).
const deployOutput = `Loaded Prisma config from prisma.config.ts.

Prisma config detected, skipping environment variable loading.
Prisma schema loaded from prisma/sqlite/schema.prisma
Datasource "db": SQLite database "llm-basics.db" using driver adapter "@prisma/adapter-better-sqlite3"

WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma.config.ts:
- url

The values from your schema will NOT be used!

We recommend you to remove those properties from your schema to avoid confusion if you are only using driver adapters.

2 migrations found in prisma/migrations

No pending migrations to apply.
`;

describe("withoutSetupNoise", () => {
  it("drops the adapter warning and the config lines, and keeps what the migration did", () => {
    expect(filter([deployOutput])).toBe(`Prisma schema loaded from prisma/sqlite/schema.prisma
Datasource "db": SQLite database "llm-basics.db" using driver adapter "@prisma/adapter-better-sqlite3"

2 migrations found in prisma/migrations

No pending migrations to apply.
`);
  });

  it("gives the same text however the output is cut into chunks, colours included", () => {
    const coloured = deployOutput.replace("WARNING:", "\u001b[33mWARNING:\u001b[39m");
    const pieces = coloured.match(/[\s\S]{1,7}/g) ?? [];
    expect(filter(pieces)).toBe(filter([deployOutput]));
  });

  it("passes errors through, and a last line without its line end", () => {
    const error = "Error: P1001\n\nCan't reach database server at `127.0.0.1:1`";
    expect(filter([`Loaded Prisma config from prisma.config.ts.\n${error}`])).toBe(error);
  });

  it("keeps the lines after the warning should Prisma reword it", () => {
    const reworded = deployOutput.replace("We recommend you to remove those properties", "Remove them");
    expect(filter([reworded])).toContain("2 migrations found in prisma/migrations");
    expect(filter([reworded])).not.toContain("WARNING");
  });
});

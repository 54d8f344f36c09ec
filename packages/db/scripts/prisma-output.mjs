// What scripts/prisma.mjs leaves out of the Prisma CLI's output: lines about how this wrapper
// itself loads Prisma, which an operator cannot act on and a newcomer takes for a problem.
//
// - The "datasource properties … will NOT be used!" warning. Prisma 6.19 validates a schema only
//   with a datasource `url`: without one (or with its variable unset) the CLI falls back to
//   downloading a query engine, from a host a machine without internet cannot reach. So its
//   advice, to remove `url`, cannot be followed; the URL it calls unused is the same one
//   prisma.config.ts hands the driver adapter.
// - "Loaded Prisma config from prisma.config.ts." and "Prisma config detected, skipping
//   environment variable loading.": the config is ours, and the environment is read (no `.env`).
//
// Everything else passes through untouched, errors included.
import { stripVTControlCharacters } from "node:util";

const SETUP_LINES = new Set([
  "Loaded Prisma config from prisma.config.ts.",
  "Prisma config detected, skipping environment variable loading.",
]);
const ADAPTER_WARNING_START =
  "WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter";
/** The warning's other lines: the properties it lists, blank lines, its verdict and its advice. */
const insideAdapterWarning = (plain) =>
  plain === "" ||
  plain.startsWith("- ") ||
  plain.startsWith("The values from your schema will NOT be used") ||
  plain.startsWith("We recommend you to remove those properties");

/**
 * A line filter for one output stream of the Prisma CLI: `push` chunks as they come, `end` at
 * the stream's end; `write` receives the kept text, line by line.
 * `const out = withoutSetupNoise((t) => process.stdout.write(t)); child.stdout.on("data", out.push)`
 */
export function withoutSetupNoise(write) {
  let pending = "";
  let inWarning = false; // inside the adapter warning: its lines are dropped until another comes
  let dropped = false; // the line before was dropped: a blank line after it goes too
  const keep = (plain) => {
    if (inWarning && insideAdapterWarning(plain)) return false;
    inWarning = plain.startsWith(ADAPTER_WARNING_START);
    if (inWarning) return false;
    return !SETUP_LINES.has(plain) && !(dropped && plain === "");
  };
  const line = (text) => {
    const plain = stripVTControlCharacters(text).trim();
    dropped = !keep(plain);
    if (!dropped) write(text);
  };
  return {
    push(chunk) {
      pending += chunk;
      let end = pending.indexOf("\n");
      while (end !== -1) {
        line(pending.slice(0, end + 1));
        pending = pending.slice(end + 1);
        end = pending.indexOf("\n");
      }
    },
    end() {
      if (pending) line(pending);
      pending = "";
    },
  };
}

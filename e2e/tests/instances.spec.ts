import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { INSTANCE_PORTS } from "./servers.ts";

// Scaling out as the README says: several web instances started at once against one fresh
// PostgreSQL database, each with the app's own start script (migrate, then serve). One migrates,
// the others wait for it and say so, and all of them serve pages; none prints a false alarm.

const webDir = path.resolve(import.meta.dirname, "../../apps/web");
const startScript: string = JSON.parse(readFileSync(path.join(webDir, "package.json"), "utf8")).scripts.start;
const WAITING = "waiting for another instance to finish migrating the database…";

interface Instance {
  port: number;
  child: ChildProcess;
  output: () => string;
}

function start(port: number, databaseUrl: string): Instance {
  // Its own process group, so stopping it stops the server and not only the shell.
  const child = spawn("sh", ["-c", `${startScript} --port ${port} --hostname 127.0.0.1`], {
    cwd: webDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  return { port, child, output: () => output };
}

async function stop({ child }: Instance): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

/** The status of GET `pathname` on the instance, 0 while it does not answer. */
const statusOf = (instance: Instance, pathname: string) => async () => {
  try {
    return (await fetch(`http://127.0.0.1:${instance.port}${pathname}`)).status;
  } catch {
    return 0;
  }
};

test("instances started together on one fresh PostgreSQL database all come up", async () => {
  test.skip(!process.env.TEST_DATABASE_URL, "needs a PostgreSQL server: TEST_DATABASE_URL");
  // Two starts that wait on each other's migration: Prisma's CLI alone takes ~11 s on PostgreSQL.
  test.setTimeout(120_000);
  const admin = new URL(process.env.TEST_DATABASE_URL ?? "");
  const name = `llmb_e2e_instances_${INSTANCE_PORTS[0]}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();

  const instances = INSTANCE_PORTS.map((port) => start(port, databaseUrl));
  try {
    for (const instance of instances) {
      await expect
        .poll(statusOf(instance, "/"), { timeout: 90_000, message: `port ${instance.port}:\n${instance.output()}` })
        .toBe(200);
      // A page that reads the database, and a lesson.
      await expect.poll(statusOf(instance, "/api/session")).toBe(200);
      await expect.poll(statusOf(instance, "/en/softmax/")).toBe(200);
    }
    const outputs = instances.map((instance) => instance.output());
    expect(
      outputs.filter((output) => output.includes(WAITING)),
      outputs.join("\n----\n"),
    ).toHaveLength(instances.length - 1);
    for (const output of outputs) {
      expect(output).toContain("LLM Basics ready on http://127.0.0.1:");
      expect(output).not.toMatch(/warn|error|timed out/i);
    }
  } finally {
    await Promise.all(instances.map(stop));
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
});

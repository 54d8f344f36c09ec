import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Builds apps/web (turbo, production) unless it has a build already; exits if the build fails. */
export function ensureWebBuild(root: string): void {
  if (existsSync(`${root}apps/web/.next/BUILD_ID`) && existsSync(`${root}apps/web/dist/server.mjs`)) return;
  console.log("apps/web has no production build: building it (turbo run build --filter=@llm-basics/web) …");
  const built = spawnSync(
    process.execPath,
    [`${root}scripts/pnpm.mjs`, "exec", "turbo", "run", "build", "--filter=@llm-basics/web"],
    { cwd: root, stdio: "inherit" },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}

#!/usr/bin/env node
// Starts `content:check` (TypeScript source) in this one process, without a nested pnpm.
// Run as a bin (`pnpm content-check --json`, `npx content-check --json`) nothing but the
// report reaches stdout: a package script (`pnpm content:check`) has the runner print its
// banner there first, so `--json` through a script is JSON only with `pnpm -s`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");

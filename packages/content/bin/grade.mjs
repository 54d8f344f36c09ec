#!/usr/bin/env node
// Starts the grade CLI (TypeScript source) in this one process: the root's `npm run grade -- …`
// and `pnpm grade …` come straight here instead of through a nested pnpm, which took seconds.
import { register } from "tsx/esm/api";

register();
const { gradeCommand } = await import("../src/grade-cli.ts");
// exitCode, not exit(): a long --json verdict piped elsewhere must be written out in full.
process.exitCode = await gradeCommand(process.argv.slice(2));

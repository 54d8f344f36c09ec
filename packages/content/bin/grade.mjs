#!/usr/bin/env node
// Starts the grade CLI (TypeScript source) in this one process: the root's `npm run grade -- …`
// and `pnpm grade …` come straight here instead of through a nested pnpm, which took seconds.
import { register } from "tsx/esm/api";

register();
await import("../src/grade-cli.ts");

#!/usr/bin/env node
// Starts `content:new` (TypeScript source) in this one process: the root's `pnpm content:new <slug>`
// and `npm run content:new -- <slug>` come straight here instead of through a nested pnpm.
import { register } from "tsx/esm/api";

register();
const { newLessonCommand } = await import("../src/new-lesson-cli.ts");
process.exitCode = await newLessonCommand(process.argv.slice(2));

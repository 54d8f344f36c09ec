import path from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** What one project's tests took. */
interface ProjectTime {
  tests: number;
  failed: number;
  /** When its first test started and its last one ended (ms since the epoch). */
  start: number;
  end: number;
  /** The test that came closest to its timeout, and how close. */
  tightest?: { title: string; duration: number; timeout: number };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * After the run, one line per project: how many tests, from its first test's start to its last
 * one's end, and the test that used most of its timeout, so a project or test that grows slow
 * is seen in every CI log before it starts failing.
 *
 *   dev-server  3 tests  41.2 s  (tightest: dev-server.spec.ts:14 an edit to … 18.7 s of 90.0 s, 21%)
 */
export default class ProjectTimes implements Reporter {
  private readonly projects = new Map<string, ProjectTime>();
  private readonly runStart = Date.now();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === "skipped") return;
    const name = test.parent.project()?.name ?? "(none)";
    const start = result.startTime.getTime();
    const end = start + result.duration;
    const time = this.projects.get(name) ?? { tests: 0, failed: 0, start, end };
    time.tests += 1;
    if (result.status !== "passed") time.failed += 1;
    time.start = Math.min(time.start, start);
    time.end = Math.max(time.end, end);
    const share = test.timeout > 0 ? result.duration / test.timeout : 0;
    const tightest = time.tightest;
    if (test.timeout > 0 && (!tightest || share > tightest.duration / tightest.timeout)) {
      const file = `${path.basename(test.location.file)}:${test.location.line}`;
      time.tightest = { title: `${file} ${test.title}`, duration: result.duration, timeout: test.timeout };
    }
    this.projects.set(name, time);
  }

  onEnd(result: FullResult): void {
    if (this.projects.size === 0) return;
    const names = [...this.projects.keys()];
    const width = Math.max(...names.map((name) => name.length));
    const lines = [`Time by project (the whole run: ${seconds(result.duration || Date.now() - this.runStart)}):`];
    for (const [name, time] of this.projects) {
      const counts = `${time.tests} test${time.tests === 1 ? "" : "s"}${time.failed ? `, ${time.failed} failed` : ""}`;
      let line = `  ${name.padEnd(width)}  ${counts.padEnd(18)} ${seconds(time.end - time.start).padStart(8)}`;
      const tightest = time.tightest;
      if (tightest) {
        const title = tightest.title.length > 70 ? `${tightest.title.slice(0, 69)}…` : tightest.title;
        const percent = Math.round((100 * tightest.duration) / tightest.timeout);
        line += `  (tightest: ${title} ${seconds(tightest.duration)} of ${seconds(tightest.timeout)}, ${percent}%)`;
      }
      lines.push(line);
    }
    process.stdout.write(`\n${lines.join("\n")}\n`);
  }
}

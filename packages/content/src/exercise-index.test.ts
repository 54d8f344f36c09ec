import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { closeExerciseIds, loadExercises } from "./exercise-index.ts";
import { loadSite } from "./site.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));
const course = fileURLToPath(new URL("../../../content", import.meta.url));

describe("loadExercises", () => {
  it.each([
    ["the exercise fixture", fixture("exercises"), true],
    ["the exercise fixture without drafts", fixture("exercises"), false],
    ["the course", course, false],
  ])(
    "finds the exercises loadSite finds, in the same order, on the same pages: %s",
    async (_name, contentDir, includeDrafts) => {
      const [index, site] = await Promise.all([
        loadExercises({ contentDir, includeDrafts }),
        loadSite({ contentDir, includeDrafts }),
      ]);
      const summary = (e: { id: string; file: string; line: number; column: number; pageUrl: string }) =>
        `${e.id} ${e.file}:${e.line}:${e.column} ${e.pageUrl}`;
      expect([...index.exercises.values()].map(summary)).toEqual([...site.exercises.values()].map(summary));
      expect(index.exercises.size).toBeGreaterThan(0);
      expect(index.diagnostics).toEqual([]);
    },
  );

  it("reports an exercise spec's problem and a duplicate id, and leaves the broken one out", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(`${tmpdir()}/exercises-`);
    const exercise = (id: string, expr: string) =>
      `{{< exercise id="${id}" >}}\nparams:\n  a: { integer: [1, 3] }\nanswer: { type: scalar, expr: "${expr}" }\n{{< /exercise >}}\n`;
    await writeFile(
      `${dir}/a.md`,
      `---\ntitle: a\nweight: 1\n---\n\n${exercise("one", "a")}\n${exercise("two", "a +")}`,
    );
    await writeFile(`${dir}/b.md`, `---\ntitle: b\nweight: 2\n---\n\n${exercise("one", "2 * a")}`);
    const index = await loadExercises({ contentDir: dir, includeDrafts: false });
    expect([...index.exercises.keys()]).toEqual(["one"]);
    expect(index.exercises.get("one")).toMatchObject({ file: "a.md", pageUrl: "/a/", pageTitle: "a" });
    expect(index.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual([
      "a.md:15 exercise-spec",
      "b.md:6 exercise-id",
    ]);
  });
});

describe("closeExerciseIds", () => {
  const ids = ["attention-weights", "attention-steps", "softmax-probability", "softmax-temperature"];
  it.each([
    ["attention-weight", ["attention-weights"]],
    ["atention-weights", ["attention-weights"]],
    ["attention-wieghts", ["attention-weights"]],
    ["softmax", ["softmax-probability", "softmax-temperature"]],
    ["Softmax-Temperature", ["softmax-temperature"]],
    ["eigenvalues", []],
  ])("%s → %j", (id, close) => {
    expect(closeExerciseIds(id, ids)).toEqual(close);
  });
});

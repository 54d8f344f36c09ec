import { expect, it } from "vitest";
import { robotsTxt } from "./robots";

it("robots.txt lets crawlers read lessons, keeps them out of the API and every language's account pages, and names the sitemap", () => {
  const text = robotsTxt(["/", "/en/"], "https://learn.example.org/sitemap.xml");
  const lines = text.split("\n");
  expect(lines[0]).toBe("User-agent: *");
  expect(lines).toContain("Allow: /");
  const disallowed = lines.filter((l) => l.startsWith("Disallow: ")).map((l) => l.slice("Disallow: ".length));
  expect(disallowed.sort()).toEqual(
    [
      "/api/",
      ...["/", "/en/"].flatMap((root) => ["signin", "signup", "progress", "instructor"].map((p) => `${root}${p}/`)),
    ].sort(),
  );
  // No rule catches a lesson: each disallowed path is the API or an account page, under a language root.
  for (const lesson of ["/attention/", "/en/attention/", "/", "/en/"]) {
    expect(
      disallowed.some((path) => lesson.startsWith(path)),
      lesson,
    ).toBe(false);
  }
  expect(lines.at(-2)).toBe("Sitemap: https://learn.example.org/sitemap.xml");
  expect(text.endsWith("\n")).toBe(true);
});

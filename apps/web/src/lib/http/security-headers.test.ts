import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isScriptableFile, sandboxedPolicy, securityHeaders } from "./security-headers";

/** A CSP as its directives: name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("the Content-Security-Policy", () => {
  const csp = directives(contentSecurityPolicy());

  it("names no host: every source is this site, a keyword or data:", () => {
    const sources = [...csp.values()].flat();
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^('[a-z-]+'|data:)$/);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows WebAssembly but not eval in production", () => {
    expect(csp.get("script-src")).toContain("'wasm-unsafe-eval'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("refuses framing, plugins, other base URLs and forms posting elsewhere", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
  });

  it("allows eval under `next dev` only, and nothing else more", () => {
    const dev = directives(contentSecurityPolicy({ dev: true }));
    expect(dev.get("script-src")).toEqual([...(csp.get("script-src") ?? []), "'unsafe-eval'"]);
    dev.delete("script-src");
    csp.delete("script-src");
    expect(dev).toEqual(csp);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS in answer to https only", () => {
    expect(securityHeaders({ https: true })["strict-transport-security"]).toMatch(/^max-age=\d{8,}/);
    expect(securityHeaders({ https: false })).not.toHaveProperty("strict-transport-security");
  });

  it("forbids sniffing and framing, limits the referrer and turns off devices a course never uses", () => {
    const headers = securityHeaders({ https: false });
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const off = (headers["permissions-policy"] ?? "").split(", ");
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
      expect(off).toContain(`${feature}=()`);
    // Copying an API token to the clipboard is used by the instructor view.
    expect(headers["permissions-policy"]).not.toMatch(/clipboard/);
  });

  it("names every header in lower case, as Node and Next.js compare them", () => {
    for (const name of Object.keys(securityHeaders({ https: true }))) expect(name).toBe(name.toLowerCase());
  });
});

describe("a site's own files", () => {
  it("an SVG, XML or HTML file from public/ gets the pages' policy, sandboxed; pages and assets do not", () => {
    for (const path of ["/images/heatmap.svg", "/docs/a/Diagram.SVG", "/feed.xml", "/old/page.html", "/icon.svg"]) {
      expect(isScriptableFile(path), path).toBe(true);
    }
    for (const path of ["/attention/", "/images/a.png", "/_next/static/chunks/app.js", "/svg/"]) {
      expect(isScriptableFile(path), path).toBe(false);
    }
    const policy = contentSecurityPolicy({ dev: false });
    expect(sandboxedPolicy(policy)).toBe(`${policy}; sandbox`);
  });
});

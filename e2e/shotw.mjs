import { chromium } from "@playwright/test";

const [url, out, width = "1200"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
const js = [];
page.on("response", async (r) => {
  if (r.url().endsWith(".js")) js.push(r.url());
});
page.on("console", (m) => {
  if (m.type() === "error") console.log("console:", m.text());
});
await page.goto(url, { waitUntil: "load" });
const widget = page.locator("figure.widget");
await widget.scrollIntoViewIfNeeded();
await page.waitForSelector(".widget-bar", { timeout: 10000 });
await widget.screenshot({ path: out });
const slider = widget.locator('input[type="range"]');
await slider.focus();
for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowLeft");
console.log(await widget.locator(".widget-description").textContent());
await widget.screenshot({ path: out.replace(".png", "-cold.png") });
console.log(js.length, "scripts");
await browser.close();

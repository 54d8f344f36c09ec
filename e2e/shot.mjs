import { chromium } from "@playwright/test";

const [url, out, width = "1200"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url, { waitUntil: "networkidle" });
await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
await page.screenshot({ path: out, fullPage: true });
const requests = [];
await browser.close();

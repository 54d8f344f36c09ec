import "katex/dist/katex.min.css";
import "highlight.js/styles/github.css";
import "./globals.css";
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account-menu";
import { ContentReloader } from "@/components/content-reloader";
import { ProgressIndicator } from "@/components/progress-indicator";
import { ScrollableRegions } from "@/components/scrollable-regions";
import { env } from "@/env";
import { localeOf } from "@/lib/exercises";
import { getSite } from "@/lib/site";

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSite();
  return {
    title: { default: site.settings.title, template: `%s · ${site.settings.title}` },
    description: site.home?.description ?? "学习大语言模型背后的数学：注意力、矩阵、Softmax、LayerNorm。",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const site = await getSite();
  return (
    <html lang={site.settings.language}>
      <body>
        <a className="skip-link" href="#main-content">
          跳到正文
        </a>
        <header className="site-header">
          <Link href="/" className="site-title">
            {site.settings.title}
          </Link>
          <ProgressIndicator />
          <AccountMenu locale={localeOf(site.settings.language)} />
        </header>
        {children}
        <footer className="site-footer">
          <p>{site.settings.title} · 大语言模型的数学基础</p>
        </footer>
        <ScrollableRegions />
        {env.isDev ? <ContentReloader /> : null}
      </body>
    </html>
  );
}

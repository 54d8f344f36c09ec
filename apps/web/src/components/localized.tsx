"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { localeOfPath } from "@/lib/i18n";

/**
 * Shows the Chinese or the English version by the address. For the pages Next renders without
 * the route's params (not-found, forbidden, unauthorized): reading the request there would make
 * every page of the segment dynamic, since those boundaries are part of each page's tree.
 */
export function Localized({ zh, en }: { zh: ReactNode; en: ReactNode }) {
  const pathname = usePathname();
  return <>{localeOfPath(pathname) === "en" ? en : zh}</>;
}

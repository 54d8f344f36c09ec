"use client";

import { type ComponentType, lazy, Suspense, useRef } from "react";
import type { Locale } from "@/lib/i18n";
import { useNearScreen } from "@/lib/ui/near-screen";

/**
 * The widgets, each in a chunk of its own: a lesson loads a widget's code (and math-core and
 * d3's scales with it) only if it has that widget, once it comes near the screen.
 */
const WIDGETS: Record<string, ComponentType<{ params: never; locale: Locale }>> = {
  softmax: lazy(() => import("@/widgets/softmax-widget")),
  attention: lazy(() => import("@/widgets/attention-widget")),
  layernorm: lazy(() => import("@/widgets/layernorm-widget")),
  svd: lazy(() => import("@/widgets/svd-widget")),
  descent: lazy(() => import("@/widgets/descent-widget")),
  matmul: lazy(() => import("@/widgets/matmul-widget")),
};

const words = {
  zh: { loading: "正在载入图示……", noScript: "这里有一个可以操作的图示，需要 JavaScript。" },
  en: { loading: "Loading the picture…", noScript: "An interactive picture is here; it needs JavaScript." },
};

/** One widget in a lesson, where the author placed `{{< widget name="…" >}}`. */
export function WidgetIsland({ name, params, locale }: { name: string; params: unknown; locale: Locale }) {
  const Widget = WIDGETS[name];
  const box = useRef<HTMLElement>(null);
  const near = useNearScreen(box);
  if (!Widget) return null;
  return (
    <figure className="widget" data-widget={name} ref={box}>
      {near ? (
        <Suspense fallback={<p className="widget-loading">{words[locale].loading}</p>}>
          <Widget params={params as never} locale={locale} />
        </Suspense>
      ) : (
        <noscript>
          <p>{words[locale].noScript}</p>
        </noscript>
      )}
    </figure>
  );
}

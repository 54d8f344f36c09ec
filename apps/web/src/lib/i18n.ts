import type { Locale } from "@llm-basics/grading";

// The interface's own words, in each language a learner can read the course in. Chinese is
// the default, at the root (`/attention/`); English is under `/en/` (`/en/attention/`).

export type { Locale };

export const LOCALES: readonly Locale[] = ["zh", "en"];

/** The language a route's `[lang]` segment names (next.config.ts rewrites Chinese URLs to `/zh/…`). */
export function localeParam(value: string): Locale | undefined {
  return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : undefined;
}

/** The public URL of an app path in a language: `localePath("en", "/progress/")` → `/en/progress/`. */
export function localePath(locale: Locale, path: string): string {
  return locale === "zh" ? path : `/${locale}${path}`;
}

/** The language of a public URL path: `/en/…` is English, everything else Chinese. */
export function localeOfPath(pathname: string | null | undefined): Locale {
  return pathname === "/en" || pathname?.startsWith("/en/") ? "en" : "zh";
}

/**
 * The URL path a browser shows for a route's pathname. Chinese pages are rendered for the
 * rewritten route (`/zh/attention/`), so a prerendered page's pathname has a prefix no
 * browser ever sees: `/zh/attention/` → `/attention/`, `/zh` → `/`; anything else is unchanged.
 */
export function publicPath(pathname: string): string {
  return pathname.startsWith("/zh/") ? pathname.slice(3) : pathname === "/zh" ? "/" : pathname;
}

/** The path without its language prefix: `/en/progress/` → `/progress/`. */
export function pathWithoutLocale(pathname: string): string {
  return localeOfPath(pathname) === "en" ? pathname.slice(3) || "/" : pathname;
}

const zh = {
  htmlLang: "zh-CN",
  languageName: "中文",
  skipToContent: "跳到正文",
  siteTagline: "大语言模型的数学基础",
  siteDescription: "学习大语言模型背后的数学：注意力、矩阵、Softmax、LayerNorm。",
  courseContents: "课程目录",
  draft: "草稿",
  pagerLabel: "上一页和下一页",
  previous: "← 上一页",
  next: "下一页 →",
  onThisPage: "本页目录",
  languageSwitcher: "语言",
  switchTo: "English",
  darkMode: "深色模式",
  copy: "复制",
  copied: "已复制",
  copyCode: "复制代码",
  copyTex: "复制公式的 LaTeX 源码",
  copyFailed: "没能复制：浏览器不允许访问剪贴板",
  print: "打印",
  printPreparing: "正在载入练习…",
  search: "搜索",
  searchLabel: "搜索课程",
  searchPlaceholder: "例如：注意力权重、softmax",
  searchLoading: "正在载入索引…",
  searchFailed: "搜索索引没有载入，请检查网络后重新打开搜索。",
  searchNone: "没有找到相关内容。换个词试试？",
  searchClose: "关闭",
  searchHint: "↑ ↓ 选择，Enter 打开，Esc 关闭",
  searchOne: "找到 1 处",
  searchMany: "找到 {count} 处",
  readingTime: (minutes: number) => `约 ${minutes} 分钟读完`,
  updated: "更新于",
  noTranslation: "本页还没有英文版，这里是英文版首页",
  notFoundTitle: "找不到这个页面",
  notFoundHeading: "404 · 找不到这个页面",
  notFoundText: "这个地址没有对应的课程页面。可能是链接写错了，或者页面已经改名。",
  backHome: "回到首页",
  orChoose: "，或从课程目录中选择：",
  forbiddenTitle: "没有权限",
  forbiddenHeading: "403 · 没有权限",
  forbiddenText: "这个页面只对教师开放，你登录的账户是学习者账户。",
  forbiddenHowBefore: "如果你负责这门课，请让管理员在服务器上运行 ",
  forbiddenCommand: "pnpm db:create-instructor --email 你的邮箱",
  forbiddenHowAfter: "，为你的账户开通教师权限，然后重新打开本页。",
  backToCourse: "回到课程首页",
  unauthorizedTitle: "需要登录",
  unauthorizedHeading: "401 · 需要登录",
  unauthorizedText: "这个操作只对登录的教师开放。请先用教师账户登录。",
  signInLink: "登录",
  progressLabel: "学习进度：",
  progressHeadline: (done: number, total: number) => `已完成 ${done}/${total} 课`,
} as const;

export type UiText = { [K in keyof typeof zh]: (typeof zh)[K] extends string ? string : (typeof zh)[K] };

const en: UiText = {
  htmlLang: "en",
  languageName: "English",
  skipToContent: "Skip to content",
  siteTagline: "The math behind large language models",
  siteDescription: "Learn the math behind large language models: attention, matrices, softmax, LayerNorm.",
  courseContents: "Course contents",
  draft: "Draft",
  pagerLabel: "Previous and next page",
  previous: "← Previous",
  next: "Next →",
  onThisPage: "On this page",
  languageSwitcher: "Language",
  switchTo: "中文",
  darkMode: "Dark mode",
  copy: "Copy",
  copied: "Copied",
  copyCode: "Copy the code",
  copyTex: "Copy the formula's LaTeX source",
  copyFailed: "Could not copy: the browser did not allow the clipboard",
  print: "Print",
  printPreparing: "Loading the exercises…",
  search: "Search",
  searchLabel: "Search the course",
  searchPlaceholder: "e.g. attention weights, softmax",
  searchLoading: "Loading the index…",
  searchFailed: "The search index did not load. Check the connection and open search again.",
  searchNone: "Nothing found. Try another word?",
  searchClose: "Close",
  searchHint: "↑ ↓ to choose, Enter to open, Esc to close",
  searchOne: "1 result",
  searchMany: "{count} results",
  readingTime: (minutes: number) => `${minutes} min read`,
  updated: "Updated",
  noTranslation: "这一页还没有中文版，这里是中文版首页",
  notFoundTitle: "Page not found",
  notFoundHeading: "404 · Page not found",
  notFoundText: "No lesson lives at this address. The link may be mistyped, or the page may have been renamed.",
  backHome: "Back to the home page",
  orChoose: ", or choose a lesson:",
  forbiddenTitle: "Not allowed",
  forbiddenHeading: "403 · Not allowed",
  forbiddenText: "This page is for instructors only, and the account you are signed in with is a learner's.",
  forbiddenHowBefore: "If you teach this course, ask the administrator to run ",
  forbiddenCommand: "pnpm db:create-instructor --email your@email",
  forbiddenHowAfter: " on the server to make your account an instructor's, then open this page again.",
  backToCourse: "Back to the course",
  unauthorizedTitle: "Sign-in needed",
  unauthorizedHeading: "401 · Sign-in needed",
  unauthorizedText:
    "This action is open to signed-in instructors only. Please sign in with an instructor account first.",
  signInLink: "Sign in",
  progressLabel: "Progress: ",
  progressHeadline: (done: number, total: number) => `${done}/${total} lessons done`,
};

/** The interface's words in a language: `uiText("en").courseContents` → "Course contents". */
/** Some of the interface's words, for a client component (plain strings travel to the browser; functions do not). */
function pickText<K extends keyof UiText>(text: UiText, keys: readonly K[]): Pick<UiText, K> {
  return Object.fromEntries(keys.map((key) => [key, text[key]])) as Pick<UiText, K>;
}

/** The copy buttons' words. */
export function copyText(text: UiText) {
  return pickText(text, ["copy", "copied", "copyCode", "copyTex", "copyFailed"]);
}

/** The search dialog's words. */
export function searchText(text: UiText) {
  return pickText(text, [
    "search",
    "searchLabel",
    "searchPlaceholder",
    "searchLoading",
    "searchFailed",
    "searchNone",
    "searchClose",
    "searchHint",
    "searchOne",
    "searchMany",
  ]);
}

export function uiText(locale: Locale): UiText {
  return locale === "en" ? en : zh;
}

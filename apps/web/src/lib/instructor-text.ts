import type { Locale } from "./i18n";

// The instructor view's words in each language (`/instructor/`, `/en/instructor/`).

/** The longest API token name, in characters. */
export const TOKEN_NAME_MAX = 80;

const zh = {
  title: "教师面板",
  signedInAs: (name: string, email: string) => `你以 ${name}（${email}）的身份登录。`,
  lead: "这里汇总所有学习者在每道练习上的表现，并管理评分 API 的令牌。",
  onThisPage: "本页内容",
  stats: "练习统计",
  tokens: "API 令牌",
  totals: (exercises: string, answered: string, attempts: string, correct: string) =>
    `课程共 ${exercises} 道练习，其中 ${answered} 道有人作答；共 ${attempts} 次作答，答对 ${correct} 次。`,
  counting:
    "网页上的作答和通过 API 为学习者记录的作答都计入；无法识别的答案不占用作答次数，也不计入。部分正确的答案算作错误答案。",
  retired: "已不在课程中的练习",
  retiredText: "这些练习的 ID 在课程中已找不到（改名或删除了），但还有作答记录。",
  limit: (seconds: number, n: string) => `每 ${seconds} 秒最多评分 ${n} 个答案`,
  unlimited: "不限次数",
  apiBefore: "评分 API（文档见 ",
  apiAnonymous: (limit: string) => `）不带令牌也能使用，按来源地址限速：${limit}。带上令牌（请求头 `,
  apiToken: (limit: string) => `）时，每个令牌单独限速：${limit}；评分请求还可以带上 `,
  apiLearner:
    "（学习者的用户 ID，可以在下面按邮箱查找），答案会作为这位学习者的作答记录下来，计入上面的统计和学习者自己的进度。",
  allTokens: "全部令牌",
  newTokenName: "新令牌的名称",
  tokenPlaceholder: "例如：作业批改脚本",
  creating: "正在创建…",
  create: "创建令牌",
  tokenNameHelp: "名称只用来区分令牌，例如用途或使用者。",
  tokenNameInvalid: (max: number) => `请给令牌起一个名字：1–${max} 个字符，例如用途或使用者。`,
  tokenCreated: (name: string) => `令牌“${name}”已创建`,
  onlyOnce: "它只显示这一次。",
  keepIt:
    "请现在复制，保存到安全的地方（例如密码管理器或服务器的环境变量）。刷新或离开本页后就再也看不到它；丢失了只能撤销它，再创建一个新的。",
  newToken: "新令牌",
  copy: "复制",
  copied: "已复制到剪贴板。",
  copyByHand: "已选中令牌：请按 Ctrl+C（Mac 上 ⌘C）复制。",
  useBefore: "调用评分 API 时在请求头中加上 ",
  useAfter: "（完整的令牌）。",
  noTokens: "还没有令牌。",
  revoked: "已撤销",
  live: "有效",
  createdBy: "创建者",
  createdAt: "创建于",
  lastUsed: "最近使用",
  neverUsed: "从未使用",
  revokedAt: "撤销于",
  revoke: "撤销…",
  revokeText: "撤销后，带这个令牌的请求都会得到 401，之前记录的作答保留。撤销不能恢复。",
  confirmRevoke: (name: string) => `确认撤销“${name}”`,
  lookup: "查找学习者的用户 ID",
  lookupPlaceholder: "学习者注册时用的邮箱",
  looking: "正在查找…",
  find: "查找",
  found: (name: string, email: string, instructor: boolean) =>
    `${name}（${email}${instructor ? "，教师" : ""}）的用户 ID：`,
  notFound: (email: string) => `没有用 ${email} 注册的账户。`,
  emailInvalid: "请输入完整的邮箱地址，例如 student@example.com。",
  attempts: "作答",
  learners: "学习者",
  successRate: "正确率",
  commonWrong: "最常见的错误答案",
  times: (n: number) => `${n} 次`,
  noWrong: "没有错误答案。",
  misconceptions: "识别出的误解",
  misconceptionGone: "（课程中已没有这个误解的说明）",
  noMisconceptions: "错误答案中没有识别出常见误解。",
  noAttempts: "还没有人作答。",
};

export type InstructorText = typeof zh;

const en: InstructorText = {
  title: "Instructor view",
  signedInAs: (name, email) => `You are signed in as ${name} (${email}). `,
  lead: "This page sums up how all learners do on every exercise, and manages the grading API's tokens.",
  onThisPage: "On this page",
  stats: "Exercise statistics",
  tokens: "API tokens",
  totals: (exercises, answered, attempts, correct) =>
    `The course has ${exercises} exercises, ${answered} of them answered by someone; ${attempts} attempts in all, ${correct} correct. `,
  counting:
    "Answers on the web pages and answers recorded for learners through the API both count; unreadable answers cost no attempt and are not counted. Partly correct answers count as wrong.",
  retired: "Exercises no longer in the course",
  retiredText: "These exercise ids are no longer in the course (renamed or removed), but have recorded attempts.",
  limit: (seconds, n) => `at most ${n} answers graded per ${seconds} s`,
  unlimited: "no limit",
  apiBefore: "The grading API (documented at ",
  apiAnonymous: (limit) => `) works without a token, limited per source address: ${limit}. With a token (the header `,
  apiToken: (limit) => `), each token has its own limit: ${limit}; a grading request may also carry `,
  apiLearner:
    " (a learner's user id, which you can look up by email below), and the answer is then recorded as that learner's attempt, counted in the statistics above and in the learner's own progress.",
  allTokens: "All tokens",
  newTokenName: "Name of the new token",
  tokenPlaceholder: "e.g. homework grading script",
  creating: "Creating…",
  create: "Create token",
  tokenNameHelp: "The name only tells tokens apart, e.g. by purpose or user.",
  tokenNameInvalid: (max) => `Give the token a name: 1–${max} characters, e.g. its purpose or user.`,
  tokenCreated: (name) => `Token “${name}” created`,
  onlyOnce: "It is shown only this once. ",
  keepIt:
    "Copy it now and keep it somewhere safe (a password manager or the server's environment). Once you reload or leave this page it cannot be seen again; if it is lost, revoke it and create a new one.",
  newToken: "New token",
  copy: "Copy",
  copied: "Copied to the clipboard.",
  copyByHand: "The token is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
  useBefore: "When calling the grading API, add the header ",
  useAfter: " (the whole token).",
  noTokens: "No tokens yet.",
  revoked: "Revoked",
  live: "Active",
  createdBy: "Created by",
  createdAt: "Created",
  lastUsed: "Last used",
  neverUsed: "Never",
  revokedAt: "Revoked",
  revoke: "Revoke…",
  revokeText:
    "Once revoked, every request with this token gets a 401; attempts recorded before are kept. Revoking cannot be undone.",
  confirmRevoke: (name) => `Revoke “${name}”`,
  lookup: "Look up a learner's user id",
  lookupPlaceholder: "the email the learner signed up with",
  looking: "Looking…",
  find: "Find",
  found: (name, email, instructor) => `User id of ${name} (${email}${instructor ? ", instructor" : ""}): `,
  notFound: (email) => `No account signed up with ${email}.`,
  emailInvalid: "Enter a whole email address, like student@example.com.",
  attempts: "Attempts",
  learners: "Learners",
  successRate: "Success rate",
  commonWrong: "Most common wrong answers",
  times: (n) => (n === 1 ? "1 time" : `${n} times`),
  noWrong: "No wrong answers.",
  misconceptions: "Misconceptions recognised",
  misconceptionGone: "(the course no longer describes this misconception)",
  noMisconceptions: "No common misconception recognised among the wrong answers.",
  noAttempts: "Nobody has answered yet.",
};

/** The instructor view's words: `instructorText("en").stats` → "Exercise statistics". */
export function instructorText(locale: Locale): InstructorText {
  return locale === "en" ? en : zh;
}

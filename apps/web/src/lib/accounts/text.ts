import type { FieldProblem, FormProblem } from "./form-state";

/** The account pages' and header's own words, in the site's language (Chinese unless English). */
export interface AccountText {
  signIn: string;
  signUp: string;
  signingIn: string;
  signingUp: string;
  signOut: string;
  signingOut: string;
  signInLead: string;
  signUpLead: string;
  /** Said to a guest (a visitor who has answered): their work is not lost. */
  guestKeepsWork: string;
  email: string;
  password: string;
  displayName: string;
  optional: string;
  newPasswordHelp: string;
  displayNameHelp: string;
  noAccount: string;
  haveAccount: string;
  signedInAs: (name: string) => string;
  continueTo: string;
  /** The header's landmark. */
  account: string;
  fieldProblems: Record<FieldProblem, string>;
  formProblems: Record<Exclude<FormProblem, "rate-limited">, string>;
  rateLimited: (retryAfterSeconds: number) => string;
}

const zh: AccountText = {
  signIn: "登录",
  signUp: "注册",
  signingIn: "正在登录…",
  signingUp: "正在注册…",
  signOut: "退出",
  signingOut: "正在退出…",
  signInLead: "登录后，练习记录保存在你的账户里，换一台设备也能接着做。",
  signUpLead: "有了账户，做过的练习和进度不会因为换浏览器或清除 Cookie 而丢失。只需要邮箱和密码。",
  guestKeepsWork: "你在这个浏览器里做过的练习会一起带进账户。",
  email: "邮箱",
  password: "密码",
  displayName: "显示名称",
  optional: "（选填）",
  newPasswordHelp: "至少 8 个字符。空格、中文和任何符号都可以用；几个词连成的一句话好记又难猜。",
  displayNameHelp: "显示在页面顶部。不填就用邮箱 @ 前面的部分。",
  noAccount: "还没有账户？",
  haveAccount: "已经有账户了？",
  signedInAs: (name) => `你已经以“${name}”的身份登录。`,
  continueTo: "继续学习",
  account: "账户",
  fieldProblems: {
    "email-missing": "请填写邮箱。",
    "email-invalid": "邮箱格式不对，应该像 name@example.com 这样。",
    "email-taken": "这个邮箱已经注册过了，请直接登录。",
    "password-missing": "请填写密码。",
    "too-short": "密码太短：至少需要 8 个字符。",
    "too-long": "密码太长：最多 128 个字符。",
    blank: "密码不能只有空格或看不见的字符。",
    repeated: "这个密码只是同一个字符（或同一小段字符）反复出现，一下就能被猜到。请换一个。",
    sequence:
      "这个密码是按顺序排下来的字母、数字或键盘上挨着的键（比如 abcdefgh、87654321、qwertyui），一下就能被猜到。请换一个。",
    personal: "密码不能是你的邮箱、邮箱 @ 前面的部分、显示名称或网站的名字，别人最先试的就是这些。请换一个。",
    common: "这个密码太常见，很容易被猜到。请换一个，比如几个词连成的一句话。",
    "display-name-invalid": "显示名称最多 50 个字符，而且不能含有控制字符。",
  },
  formProblems: {
    credentials: "邮箱或密码不对。",
    failed: "出了点问题，这次没有完成。请稍后再试。",
  },
  rateLimited: (seconds) => `尝试次数太多了。为了保护账户，请在 ${waitZh(seconds)}后再试。`,
};

const en: AccountText = {
  signIn: "Sign in",
  signUp: "Sign up",
  signingIn: "Signing in…",
  signingUp: "Signing up…",
  signOut: "Sign out",
  signingOut: "Signing out…",
  signInLead: "Signed in, your exercises are kept in your account and follow you to any device.",
  signUpLead:
    "With an account, your exercises and progress survive a new browser or cleared cookies. An email and a password are all it takes.",
  guestKeepsWork: "The exercises you have done in this browser come along into the account.",
  email: "Email",
  password: "Password",
  displayName: "Display name",
  optional: " (optional)",
  newPasswordHelp:
    "At least 8 characters. Spaces, any script and any symbols are fine; a few words strung together are easy to remember and hard to guess.",
  displayNameHelp: "Shown at the top of the page. Left empty, the part of your email before the @ is used.",
  noAccount: "No account yet?",
  haveAccount: "Already have an account?",
  signedInAs: (name) => `You are signed in as “${name}”.`,
  continueTo: "Continue learning",
  account: "Account",
  fieldProblems: {
    "email-missing": "Enter your email.",
    "email-invalid": "This is not an email address; it should look like name@example.com.",
    "email-taken": "This email already has an account: sign in instead.",
    "password-missing": "Enter your password.",
    "too-short": "Too short: a password needs at least 8 characters.",
    "too-long": "Too long: a password may have at most 128 characters.",
    blank: "A password cannot be only spaces or invisible characters.",
    repeated:
      "This password is one character (or a short group of them) over and over, which is guessed at once. Choose another.",
    sequence:
      "This password is a run of letters, digits or neighbouring keys (like abcdefgh, 87654321 or qwertyui), which is guessed at once. Choose another.",
    personal:
      "A password cannot be your email, the part before its @, your display name or the site's name: those are tried first. Choose another.",
    common: "This password is too common and easy to guess. Choose another, such as a few words strung together.",
    "display-name-invalid": "A display name has at most 50 characters and no control characters.",
  },
  formProblems: {
    credentials: "The email or the password is wrong.",
    failed: "Something went wrong and nothing was done. Please try again later.",
  },
  rateLimited: (seconds) => `Too many attempts. To protect accounts, try again in ${waitEn(seconds)}.`,
};

/** `waitZh(45)` → "45 秒"; `waitZh(200)` → "4 分钟" (rounded up: never shorter than the real wait). */
function waitZh(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

function waitEn(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** The words for a locale: `accountText("zh").signIn` → "登录". */
export function accountText(locale: "zh" | "en"): AccountText {
  return locale === "en" ? en : zh;
}

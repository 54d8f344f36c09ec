import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// Password rules as OWASP ASVS 5 (V6.2) asks: at least 8 characters, up to 128 so long
// passphrases fit, any characters (Unicode counts by code point, after NFKC), no composition
// rules, not one of the ~49,000 most common passwords (zxcvbn-ts' list), and none of the
// guesses an attacker tries first whatever the list: nothing visible, one character (or a short
// group) over and over, a run along the alphabet, the digits or the keyboard, and the words of
// the context, the account's own email and name and the site's name (V6.2.11).
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const common = new Set(dictionary["passwords-common"]);

/** Why a password is refused; each has its own sentence in the forms. */
export type PasswordProblem = "too-short" | "too-long" | "blank" | "repeated" | "sequence" | "personal" | "common";

/** What the account is called: its words may not be its password. */
export interface PasswordContext {
  email?: string | undefined;
  displayName?: string | undefined;
}

/** The site's own name: the first word anyone tries against it. */
const SITE_WORDS = ["LLM Basics"];

// Spaces, zero-width and other invisible characters (format characters, fillers, controls,
// and the blank Braille pattern, which renders as a space).
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]/gu;
// What a word is made of, for comparing with the context: letters, marks and digits.
const NOT_WORD = /[^\p{L}\p{M}\p{N}]/gu;
const RUNS = [
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890",
  "qwertyuiopasdfghjklzxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm",
];

/**
 * Why a password is refused, or null: `passwordProblem("password1")` → "common";
 * `passwordProblem("abcdefgh")` → "sequence";
 * `passwordProblem("Ann.Lee 2024", { email: "ann.lee@example.org" })` → "personal".
 */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const normalized = password.normalize("NFKC");
  const visible = normalized.replace(INVISIBLE, "").toLowerCase();
  if (visible === "") return "blank";
  const length = [...normalized].length;
  if (length < PASSWORD_MIN) return "too-short";
  if (length > PASSWORD_MAX) return "too-long";
  if (repeatsShortGroup(visible)) return "repeated";
  if (RUNS.some((run) => run.includes(visible) || [...run].reverse().join("").includes(visible))) return "sequence";
  if (isContextWord(normalized, context)) return "personal";
  if (common.has(normalized.toLowerCase())) return "common";
  return null;
}

/** `aaaaaaaa`, `abababab`, `abcdabcd`: one group of up to four characters, over and over. */
function repeatsShortGroup(text: string): boolean {
  const chars = [...text];
  for (let size = 1; size <= 4 && size < chars.length; size++) {
    if (chars.every((char, i) => char === chars[i % size])) return true;
  }
  return false;
}

/**
 * Whether the password is only a word of the context: the email, the part before its @, the
 * display name or the site's name, in any case, spacing or punctuation, said once or more, and
 * perhaps with digits before or after (`Ann.Lee 2024!` for ann.lee@example.com).
 */
function isContextWord(password: string, { email, displayName }: PasswordContext): boolean {
  const core = (text: string) => text.normalize("NFKC").toLowerCase().replace(NOT_WORD, "");
  const words = [email, email?.split("@")[0], displayName, ...SITE_WORDS]
    .map((word) => core(word ?? ""))
    // A word of one or two characters would refuse far more than its own guesses.
    .filter((word) => [...word].length >= 3);
  const said = core(password);
  // A word holds only letters, marks and digits: nothing a regular expression would read as syntax.
  // Digits around a word of digits (a QQ number's email) would make it any number containing it.
  return words.some((word) => {
    const around = /\p{L}/u.test(word) ? "\\p{N}*" : "";
    return new RegExp(`^${around}(?:${word})+${around}$`, "u").test(said);
  });
}

// argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 40 ms here.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** An argon2id hash (PHC string) of the NFKC form of `password`. */
export const hashPassword = (password: string): Promise<string> => hash(password.normalize("NFKC"), options);

/** Whether `password` matches `stored`; false for a malformed hash rather than throwing. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize("NFKC"));
  } catch {
    return false;
  }
}

// Checked when no user has the email, so a missing account costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
/** Spends one verification's time on nothing (see signIn). */
export async function verifyNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword("not a real password: timing only");
  await verifyPassword(await dummyHash, password);
}

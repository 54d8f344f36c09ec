import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// Password rules as OWASP ASVS 5 (V6.2) asks: at least 8 characters, up to 128 so long
// passphrases fit, any characters (Unicode counts by code point, after NFKC), no composition
// rules, and not one of the ~49,000 most common passwords (zxcvbn-ts' list).
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const common = new Set(dictionary["passwords-common"]);

/** Why a password is refused, or null: `passwordProblem("password1")` → "common". */
export function passwordProblem(password: string): "too-short" | "too-long" | "common" | null {
  const normalized = password.normalize("NFKC");
  const length = [...normalized].length;
  if (length < PASSWORD_MIN) return "too-short";
  if (length > PASSWORD_MAX) return "too-long";
  if (common.has(normalized.toLowerCase())) return "common";
  return null;
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

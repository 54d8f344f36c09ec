import {
  normalizeDisplayName,
  normalizeEmail,
  PASSWORD_MAX,
  type PasswordContext,
  passwordProblem,
} from "@llm-basics/db";
import { z } from "zod";
import type { AccountFormState, FieldProblem } from "./form-state";

// What the sign-in and sign-up forms send, checked before anything else happens: each problem
// is named by field, so the form can say which field is wrong and why (lib/accounts/text.ts).
// The rules are packages/db's own (normalizeEmail, passwordProblem, normalizeDisplayName).

/** Where a learner lands after signing in or up when the form names no page to return to. */
export const AFTER_SIGN_IN = "/";

const SAME_SITE = "http://same-site.invalid";
const ONE_LEADING_SLASH = /^\/(?![/\\])/;

/**
 * Where to send a learner after signing in: `next` when it is a path on this site, else
 * AFTER_SIGN_IN. `safeNextPath("/attention/")` → "/attention/"; `safeNextPath("//evil.example/")` → "/".
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2048) return AFTER_SIGN_IN;
  // One slash, then not a second one or a backslash: browsers read `//host` and `/\host` as
  // another site. URL parsers silently drop tabs and newlines (`/\t/host` is `//host`), so no
  // control characters at all.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (!ONE_LEADING_SLASH.test(next) || /[\u0000-\u001f\u007f]/.test(next)) return AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(next, SAME_SITE);
  } catch {
    return AFTER_SIGN_IN;
  }
  if (url.origin !== SAME_SITE) return AFTER_SIGN_IN;
  // Dot segments can make another site of a path that did not look like one: `/a/..//host`.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!ONE_LEADING_SLASH.test(path)) return AFTER_SIGN_IN;
  // Back to the form just left would look like nothing happened.
  if (/^\/(signin|signup)\/?$/.test(url.pathname)) return AFTER_SIGN_IN;
  return path;
}

// A form field as text: a missing field or a file counts as empty.
const formText = z.preprocess((value) => (typeof value === "string" ? value : ""), z.string());

const problem = (ctx: z.RefinementCtx, code: FieldProblem) => ctx.addIssue({ code: "custom", message: code });

const email = formText.transform((raw, ctx) => {
  if (raw.trim() === "") {
    problem(ctx, "email-missing");
    return z.NEVER;
  }
  const normalized = normalizeEmail(raw);
  if (!normalized) {
    problem(ctx, "email-invalid");
    return z.NEVER;
  }
  return normalized;
});

/**
 * A new password: the rules of ASVS 5 as packages/db applies them, among them that it is not the
 * email or display name typed beside it (`context`, as typed: checked even when they are wrong).
 */
const newPassword = (context: PasswordContext) =>
  formText.superRefine((password, ctx) => {
    if (password === "") return problem(ctx, "password-missing");
    const refused = passwordProblem(password, context);
    if (refused) problem(ctx, refused);
  });

/**
 * A password to check. Only its length is limited: an account made under other rules (by an
 * instructor's command, say) still signs in, and a password longer than any account may have
 * is refused before it is hashed.
 */
const existingPassword = formText.superRefine((password, ctx) => {
  if (password === "") return problem(ctx, "password-missing");
  // Measured as passwordProblem measures (code points after NFKC); cheap on the raw length first.
  if (password.length > 4 * PASSWORD_MAX || [...password.normalize("NFKC")].length > PASSWORD_MAX) {
    problem(ctx, "too-long");
  }
});

/** Optional: empty means "use the start of the email" (packages/db's default). */
const displayName = formText.transform((raw, ctx) => {
  if (raw.trim() === "") return undefined;
  const normalized = normalizeDisplayName(raw);
  if (!normalized) {
    problem(ctx, "display-name-invalid");
    return z.NEVER;
  }
  return normalized;
});

const signUpSchema = (context: PasswordContext) =>
  z.object({ email, password: newPassword(context), displayName, next: z.unknown() });
const signInSchema = z.object({ email, password: existingPassword, next: z.unknown() });

export type SignUpInput = { email: string; password: string; displayName?: string; next: string };
export type SignInInput = { email: string; password: string; next: string };

export type Parsed<T> =
  | { ok: true; data: T; values: AccountFormState["values"] }
  | { ok: false; state: AccountFormState };

/** Anything with FormData's `get`. */
type FormFields = Pick<FormData, "get">;

/** What was typed, as the form shows it again. */
function typedValues(form: FormFields): AccountFormState["values"] {
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.slice(0, 320) : "";
  };
  return { email: value("email"), displayName: value("displayName") };
}

function fieldProblems(error: z.ZodError): AccountFormState["fields"] {
  const fields: AccountFormState["fields"] = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field === "email" || field === "password" || field === "displayName")
      fields[field] ??= issue.message as FieldProblem;
  }
  return fields;
}

/**
 * The sign-up form checked: the email normalized, the password allowed, the display name
 * tidied, `next` made safe; or every field's problem.
 */
export function parseSignUp(form: FormFields): Parsed<SignUpInput> {
  const values = typedValues(form);
  const typed = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const parsed = signUpSchema({ email: typed("email"), displayName: typed("displayName") }).safeParse({
    email: form.get("email"),
    password: form.get("password"),
    displayName: form.get("displayName"),
    next: form.get("next"),
  });
  if (!parsed.success) return { ok: false, state: { fields: fieldProblems(parsed.error), values } };
  const { email, password, displayName, next } = parsed.data;
  return {
    ok: true,
    data: { email, password, ...(displayName === undefined ? {} : { displayName }), next: safeNextPath(next) },
    values,
  };
}

/** The sign-in form checked: an email that could be an account's and a password of possible length. */
export function parseSignIn(form: FormFields): Parsed<SignInInput> {
  const values = typedValues(form);
  const parsed = signInSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    next: form.get("next"),
  });
  if (!parsed.success) return { ok: false, state: { fields: fieldProblems(parsed.error), values } };
  const { email, password, next } = parsed.data;
  return { ok: true, data: { email, password, next: safeNextPath(next) }, values };
}

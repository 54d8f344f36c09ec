// What the account forms and their server actions say to each other. Kept apart from
// account-input.ts so the forms in the browser bundle no database code.

/** The fields of the account forms. */
export type AccountField = "email" | "password" | "displayName";

/** What is wrong with one field. */
export type FieldProblem =
  | "email-missing"
  | "email-invalid"
  | "email-taken"
  | "password-missing"
  | "too-short"
  | "too-long"
  | "blank"
  | "repeated"
  | "sequence"
  | "personal"
  | "common"
  | "display-name-invalid";

/** What went wrong with the form as a whole. */
export type FormProblem = "credentials" | "rate-limited" | "failed";

/** What an account form shows after a submit that signed no one in. */
export interface AccountFormState {
  fields: Partial<Record<AccountField, FieldProblem>>;
  form?: FormProblem;
  /** For "rate-limited": seconds until the next attempt is allowed. */
  retryAfterSeconds?: number;
  /** What was typed, to fill the form in again (never the password). */
  values: { email: string; displayName: string };
}

/** An account form before its first submit. */
export const EMPTY_ACCOUNT_FORM: AccountFormState = { fields: {}, values: { email: "", displayName: "" } };

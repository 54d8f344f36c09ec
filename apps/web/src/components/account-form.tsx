"use client";

import "./account-form.css";
import { useActionState, useEffect, useId, useRef } from "react";
import { signInAction, signUpAction } from "@/lib/accounts/actions";
import { type AccountField, type AccountFormState, EMPTY_ACCOUNT_FORM } from "@/lib/accounts/form-state";
import { accountText } from "@/lib/accounts/text";

/**
 * The sign-in or sign-up form. A plain POST form to a server action, so it works without
 * JavaScript (the server renders the page again with the problems); with JavaScript the
 * problems appear in place and focus moves to the first field that has one. The browser's own
 * validation is off: the server's messages say more, in the site's language.
 */
export function AccountForm({ kind, next, locale }: { kind: "signin" | "signup"; next: string; locale: "zh" | "en" }) {
  const text = accountText(locale);
  const [state, action, pending] = useActionState<AccountFormState, FormData>(
    kind === "signin" ? signInAction : signUpAction,
    EMPTY_ACCOUNT_FORM,
  );
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const formProblemRef = useRef<HTMLParagraphElement>(null);

  const formProblem =
    state.form === "rate-limited"
      ? text.rateLimited(state.retryAfterSeconds ?? 60)
      : state.form
        ? text.formProblems[state.form]
        : undefined;

  useEffect(() => {
    if (state === EMPTY_ACCOUNT_FORM) return;
    const first = (["email", "password", "displayName"] as const).find((field) => state.fields[field]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
    else formProblemRef.current?.focus();
  }, [state]);

  const field = (
    name: AccountField,
    label: string,
    input: { type: string; autoComplete: string; help?: string; optional?: boolean },
  ) => {
    const problem = state.fields[name];
    const inputId = `${id}-${name}`;
    const helpId = input.help ? `${inputId}-help` : undefined;
    const problemId = problem ? `${inputId}-problem` : undefined;
    const describedBy = [problemId, helpId].filter(Boolean).join(" ") || undefined;
    const initial = name === "email" ? state.values.email : name === "displayName" ? state.values.displayName : "";
    return (
      <div className="account-field">
        <label htmlFor={inputId}>
          {label}
          {input.optional ? <span className="account-optional">{text.optional}</span> : null}
        </label>
        {problem ? (
          <p id={problemId} className="account-field-problem">
            {text.fieldProblems[problem]}
          </p>
        ) : null}
        <input
          id={inputId}
          name={name}
          type={input.type}
          autoComplete={input.autoComplete}
          // React resets the form after each submit: to what was typed last (never a password).
          defaultValue={initial}
          required={!input.optional}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          {...(input.type === "email"
            ? { inputMode: "email" as const, spellCheck: false, autoCapitalize: "none" }
            : {})}
        />
        {input.help ? (
          <p id={helpId} className="account-help">
            {input.help}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form ref={formRef} action={action} noValidate className="account-form">
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="locale" value={locale} />
      {formProblem ? (
        <p ref={formProblemRef} className="account-form-problem" role="alert" tabIndex={-1}>
          {formProblem}
        </p>
      ) : null}
      {field("email", text.email, { type: "email", autoComplete: kind === "signin" ? "username" : "email" })}
      {field("password", text.password, {
        type: "password",
        autoComplete: kind === "signin" ? "current-password" : "new-password",
        ...(kind === "signup" ? { help: text.newPasswordHelp } : {}),
      })}
      {kind === "signup"
        ? field("displayName", text.displayName, {
            type: "text",
            autoComplete: "nickname",
            help: text.displayNameHelp,
            optional: true,
          })
        : null}
      <button type="submit" className="button-primary account-submit" disabled={pending}>
        {kind === "signin" ? (pending ? text.signingIn : text.signIn) : pending ? text.signingUp : text.signUp}
      </button>
    </form>
  );
}

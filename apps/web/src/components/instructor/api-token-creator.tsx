"use client";

import { useActionState, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { type CreateApiTokenState, createApiTokenAction } from "@/lib/instructor/actions";
import { type InstructorText, instructorText, TOKEN_NAME_MAX } from "@/lib/instructor/text";

const idle: CreateApiTokenState = { status: "idle" };

/** The form that makes an API token, and the new token, shown this once with a copy button. */
export function ApiTokenCreator({ locale }: { locale: Locale }) {
  const text = instructorText(locale);
  const [state, create, pending] = useActionState(createApiTokenAction, idle);
  const invalid = state.status === "invalid";
  return (
    <div className="token-creator">
      <form action={create} className="token-form">
        <label htmlFor="token-name" className="token-form-label">
          {text.newTokenName}
        </label>
        <div className="token-form-row">
          <input
            // A refused name is shown again for correcting (React resets the form after an action).
            key={invalid ? `invalid:${state.name}` : "name"}
            id="token-name"
            name="name"
            type="text"
            className="answer-text-input"
            required
            maxLength={80}
            autoComplete="off"
            placeholder={text.tokenPlaceholder}
            defaultValue={invalid ? state.name : ""}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "token-name-help token-name-error" : "token-name-help"}
          />
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? text.creating : text.create}
          </button>
        </div>
        <p id="token-name-help" className="field-help">
          {text.tokenNameHelp}
        </p>
        {invalid ? (
          <p id="token-name-error" className="form-error" role="alert">
            {text.tokenNameInvalid(TOKEN_NAME_MAX)}
          </p>
        ) : null}
      </form>
      {state.status === "created" ? (
        <NewToken token={state.token} name={state.name} prefix={state.prefix} text={text} />
      ) : null}
    </div>
  );
}

function NewToken({
  token,
  name,
  prefix,
  text,
}: {
  token: string;
  name: string;
  prefix: string;
  text: InstructorText;
}) {
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"no" | "yes" | "by-hand">("no");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      // No clipboard access (a page served over plain http to another machine): select it for the reader.
      field.current?.select();
      setCopied("by-hand");
    }
  };
  return (
    <section className="token-created" aria-labelledby="token-created-heading">
      <h3 id="token-created-heading">{text.tokenCreated(name)}</h3>
      <p>
        <strong>{text.onlyOnce}</strong>
        {text.keepIt}
      </p>
      <div className="token-secret-row">
        <label htmlFor="new-token" className="sr-only">
          {text.newToken}
        </label>
        <textarea
          ref={field}
          id="new-token"
          className="token-secret"
          readOnly
          rows={2}
          value={token}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button-secondary" onClick={copy}>
          {text.copy}
        </button>
      </div>
      <p className="field-help" role="status">
        {copied === "yes" ? text.copied : copied === "by-hand" ? text.copyByHand : ""}
      </p>
      <p className="field-help">
        {text.useBefore}
        <code>Authorization: Bearer {prefix}…</code>
        {text.useAfter}
      </p>
    </section>
  );
}

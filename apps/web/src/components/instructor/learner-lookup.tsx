"use client";

import { useActionState } from "react";
import type { Locale } from "@/lib/i18n";
import { type FindLearnerState, findLearnerAction } from "@/lib/instructor/actions";
import { instructorText } from "@/lib/instructor/text";

const idle: FindLearnerState = { status: "idle" };

/** Finds a learner's user id by email: what the grading API's `learner` field takes. */
export function LearnerLookup({ locale }: { locale: Locale }) {
  const text = instructorText(locale);
  const [state, find, pending] = useActionState(findLearnerAction, idle);
  const typed = state.status === "idle" ? "" : state.email;
  return (
    <form action={find} className="learner-lookup">
      <label htmlFor="learner-email" className="token-form-label">
        {text.lookup}
      </label>
      <div className="token-form-row">
        <input
          key={`${state.status}:${typed}`}
          id="learner-email"
          name="email"
          type="email"
          className="answer-text-input"
          required
          autoComplete="off"
          placeholder={text.lookupPlaceholder}
          defaultValue={typed}
          aria-invalid={state.status === "invalid" || undefined}
          aria-describedby="learner-email-result"
        />
        <button type="submit" className="button-secondary" disabled={pending}>
          {pending ? text.looking : text.find}
        </button>
      </div>
      <p id="learner-email-result" className="learner-lookup-result" role="status">
        {state.status === "found" ? (
          <>
            {text.found(state.displayName, state.email, state.role === "instructor")}
            <code>{state.id}</code>
          </>
        ) : state.status === "not-found" ? (
          text.notFound(state.email)
        ) : state.status === "invalid" ? (
          text.emailInvalid
        ) : null}
      </p>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { type FindLearnerState, findLearnerAction } from "@/lib/instructor-actions";

const idle: FindLearnerState = { status: "idle" };

/** Finds a learner's user id by email: what the grading API's `learner` field takes. */
export function LearnerLookup() {
  const [state, find, pending] = useActionState(findLearnerAction, idle);
  const typed = state.status === "idle" ? "" : state.email;
  return (
    <form action={find} className="learner-lookup">
      <label htmlFor="learner-email" className="token-form-label">
        查找学习者的用户 ID
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
          placeholder="学习者注册时用的邮箱"
          defaultValue={typed}
          aria-invalid={state.status === "invalid" || undefined}
          aria-describedby="learner-email-result"
        />
        <button type="submit" className="button-secondary" disabled={pending}>
          {pending ? "正在查找…" : "查找"}
        </button>
      </div>
      <p id="learner-email-result" className="learner-lookup-result" role="status">
        {state.status === "found" ? (
          <>
            {`${state.displayName}（${state.email}${state.role === "instructor" ? "，教师" : ""}）的用户 ID：`}
            <code>{state.id}</code>
          </>
        ) : state.status === "not-found" ? (
          `没有用 ${state.email} 注册的账户。`
        ) : state.status === "invalid" ? (
          state.message
        ) : null}
      </p>
    </form>
  );
}

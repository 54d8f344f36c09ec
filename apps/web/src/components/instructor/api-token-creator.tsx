"use client";

import { useActionState, useRef, useState } from "react";
import { type CreateApiTokenState, createApiTokenAction } from "@/lib/instructor-actions";

const idle: CreateApiTokenState = { status: "idle" };

/** The form that makes an API token, and the new token, shown this once with a copy button. */
export function ApiTokenCreator() {
  const [state, create, pending] = useActionState(createApiTokenAction, idle);
  const invalid = state.status === "invalid";
  return (
    <div className="token-creator">
      <form action={create} className="token-form">
        <label htmlFor="token-name" className="token-form-label">
          新令牌的名称
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
            placeholder="例如：作业批改脚本"
            defaultValue={invalid ? state.name : ""}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "token-name-help token-name-error" : "token-name-help"}
          />
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? "正在创建…" : "创建令牌"}
          </button>
        </div>
        <p id="token-name-help" className="field-help">
          名称只用来区分令牌，例如用途或使用者。
        </p>
        {invalid ? (
          <p id="token-name-error" className="form-error" role="alert">
            {state.message}
          </p>
        ) : null}
      </form>
      {state.status === "created" ? <NewToken token={state.token} name={state.name} prefix={state.prefix} /> : null}
    </div>
  );
}

function NewToken({ token, name, prefix }: { token: string; name: string; prefix: string }) {
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
      <h3 id="token-created-heading">令牌“{name}”已创建</h3>
      <p>
        <strong>它只显示这一次。</strong>
        {"请现在复制，保存到安全的地方（例如密码管理器或服务器的环境变量）。"}
        {"刷新或离开本页后就再也看不到它；丢失了只能撤销它，再创建一个新的。"}
      </p>
      <div className="token-secret-row">
        <label htmlFor="new-token" className="sr-only">
          新令牌
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
          复制
        </button>
      </div>
      <p className="field-help" role="status">
        {copied === "yes"
          ? "已复制到剪贴板。"
          : copied === "by-hand"
            ? "已选中令牌：请按 Ctrl+C（Mac 上 ⌘C）复制。"
            : ""}
      </p>
      <p className="field-help">
        {"调用评分 API 时在请求头中加上 "}
        <code>Authorization: Bearer {prefix}…</code>
        {"（完整的令牌）。"}
      </p>
    </section>
  );
}

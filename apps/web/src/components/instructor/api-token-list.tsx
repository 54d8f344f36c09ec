import type { ApiTokenView } from "@llm-basics/db";
import { LocalTime } from "@/components/local-time";
import { revokeApiTokenAction } from "@/lib/instructor-actions";

/** Every API token, newest first: live ones can be revoked (after a second, explicit click). */
export function ApiTokenList({ tokens }: { tokens: ApiTokenView[] }) {
  if (tokens.length === 0) return <p className="instructor-empty">还没有令牌。</p>;
  return (
    <ul className="token-list" aria-label="API 令牌">
      {tokens.map((t) => {
        const revoked = t.revokedAt !== null;
        return (
          <li key={t.id} className={revoked ? "token-item token-revoked" : "token-item"} data-token-prefix={t.prefix}>
            <div className="token-item-head">
              <strong className="token-name">{t.name}</strong>
              <code className="token-prefix">{t.prefix}…</code>
              <span className={revoked ? "token-state token-state-revoked" : "token-state"}>
                {revoked ? "已撤销" : "有效"}
              </span>
            </div>
            <dl className="token-facts">
              <div>
                <dt>创建者</dt>
                <dd>{t.createdBy}</dd>
              </div>
              <div>
                <dt>创建于</dt>
                <dd>
                  <LocalTime iso={t.createdAt.toISOString()} />
                </dd>
              </div>
              <div>
                <dt>最近使用</dt>
                <dd>{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : "从未使用"}</dd>
              </div>
              {t.revokedAt ? (
                <div>
                  <dt>撤销于</dt>
                  <dd>
                    <LocalTime iso={t.revokedAt.toISOString()} />
                  </dd>
                </div>
              ) : null}
            </dl>
            {revoked ? null : (
              <details className="token-revoke">
                <summary>撤销…</summary>
                <form action={revokeApiTokenAction}>
                  <input type="hidden" name="tokenId" value={t.id} />
                  <p>撤销后，带这个令牌的请求都会得到 401，之前记录的作答保留。撤销不能恢复。</p>
                  <button type="submit" className="button-danger">
                    确认撤销“{t.name}”
                  </button>
                </form>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

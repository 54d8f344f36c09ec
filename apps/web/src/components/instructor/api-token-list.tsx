import type { ApiTokenView } from "@llm-basics/db";
import { LocalTime } from "@/components/local-time";
import { revokeApiTokenAction } from "@/lib/instructor/actions";
import type { InstructorText } from "@/lib/instructor/text";

/** Every API token, newest first: live ones can be revoked (after a second, explicit click). */
export function ApiTokenList({ tokens, text }: { tokens: ApiTokenView[]; text: InstructorText }) {
  if (tokens.length === 0) return <p className="instructor-empty">{text.noTokens}</p>;
  return (
    <ul className="token-list" aria-label={text.tokens}>
      {tokens.map((t) => {
        const revoked = t.revokedAt !== null;
        return (
          <li key={t.id} className={revoked ? "token-item token-revoked" : "token-item"} data-token-prefix={t.prefix}>
            <div className="token-item-head">
              <strong className="token-name">{t.name}</strong>
              <code className="token-prefix">{t.prefix}…</code>
              <span className={revoked ? "token-state token-state-revoked" : "token-state"}>
                {revoked ? text.revoked : text.live}
              </span>
            </div>
            <dl className="token-facts">
              <div>
                <dt>{text.createdBy}</dt>
                <dd>{t.createdBy}</dd>
              </div>
              <div>
                <dt>{text.createdAt}</dt>
                <dd>
                  <LocalTime iso={t.createdAt.toISOString()} />
                </dd>
              </div>
              <div>
                <dt>{text.lastUsed}</dt>
                <dd>{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : text.neverUsed}</dd>
              </div>
              {t.revokedAt ? (
                <div>
                  <dt>{text.revokedAt}</dt>
                  <dd>
                    <LocalTime iso={t.revokedAt.toISOString()} />
                  </dd>
                </div>
              ) : null}
            </dl>
            {revoked ? null : (
              <details className="token-revoke">
                <summary>{text.revoke}</summary>
                <form action={revokeApiTokenAction}>
                  <input type="hidden" name="tokenId" value={t.id} />
                  <p>{text.revokeText}</p>
                  <button type="submit" className="button-danger">
                    {text.confirmRevoke(t.name)}
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

import Link from "next/link";

export const metadata = { title: "需要登录" };

/** 401: an instructor's action was called without a signed-in account. */
export default function Unauthorized() {
  return (
    <main id="main-content" className="not-found" tabIndex={-1}>
      <h1>401 · 需要登录</h1>
      <p>这个操作只对登录的教师开放。请先用教师账户登录。</p>
      <p>
        <Link href="/signin/?next=/instructor/">登录</Link> · <Link href="/">回到课程首页</Link>
      </p>
    </main>
  );
}

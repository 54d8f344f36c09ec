import Link from "next/link";

export const metadata = { title: "没有权限" };

/** 403: a signed-in user asked for a page their role does not open (the instructor view). */
export default function Forbidden() {
  return (
    <main id="main-content" className="not-found" tabIndex={-1}>
      <h1>403 · 没有权限</h1>
      <p>这个页面只对教师开放，你登录的账户是学习者账户。</p>
      <p>
        {"如果你负责这门课，请让管理员在服务器上运行 "}
        <code>pnpm db:create-instructor --email 你的邮箱</code>
        {"，为你的账户开通教师权限，然后重新打开本页。"}
      </p>
      <p>
        <Link href="/">回到课程首页</Link>
      </p>
    </main>
  );
}

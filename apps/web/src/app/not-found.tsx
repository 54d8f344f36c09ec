import Link from "next/link";
import { CourseNavList } from "@/components/course-nav";
import { coursePages, getSite } from "@/lib/site";

export const metadata = { title: "找不到这个页面" };

/** The 404 page: says so plainly and offers the course. */
export default async function NotFound() {
  const site = await getSite();
  return (
    <main id="main-content" className="not-found" tabIndex={-1}>
      <h1>404 · 找不到这个页面</h1>
      <p>这个地址没有对应的课程页面。可能是链接写错了，或者页面已经改名。</p>
      <p>
        <Link href="/">回到首页</Link>，或从课程目录中选择：
      </p>
      <CourseNavList pages={coursePages(site)} currentUrl="" />
    </main>
  );
}

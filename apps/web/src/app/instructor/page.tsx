import { exerciseStats, listApiTokens } from "@llm-basics/db";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokenCreator } from "@/components/instructor/api-token-creator";
import { ApiTokenList } from "@/components/instructor/api-token-list";
import { ExerciseStatsCard } from "@/components/instructor/exercise-stats";
import { LearnerLookup } from "@/components/instructor/learner-lookup";
import { env } from "@/env";
import { database } from "@/lib/db";
import { localeOf } from "@/lib/exercises";
import { instructorForPage } from "@/lib/instructor";
import { courseReport } from "@/lib/instructor-report";
import { getSite } from "@/lib/site";

export const metadata: Metadata = { title: "教师面板", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const count = (n: number) => n.toLocaleString("zh-CN");

/**
 * `/instructor/`: how learners do on every exercise of the course, and the grading API's
 * tokens. Instructors only: a visitor is sent to sign in, a learner gets 403.
 */
export default async function InstructorPage() {
  const instructor = await instructorForPage();
  const site = await getSite();
  const db = database();
  const [stats, tokens] = await Promise.all([exerciseStats(db), listApiTokens(db)]);
  const report = courseReport(site.exercises.values(), stats, localeOf(site.settings.language));
  const { rateLimit, tokenRateLimit, rateWindowSeconds } = env.gradingApi;
  const limit = (n: number) => (n > 0 ? `每 ${rateWindowSeconds} 秒最多评分 ${count(n)} 个答案` : "不限次数");
  return (
    <main id="main-content" className="instructor" tabIndex={-1}>
      <header className="instructor-header">
        <h1>教师面板</h1>
        <p className="instructor-lead">
          你以 <strong>{instructor.displayName}</strong>（{instructor.email}）的身份登录。
          {"这里汇总所有学习者在每道练习上的表现，并管理评分 API 的令牌。"}
        </p>
        <nav aria-label="本页内容" className="instructor-toc">
          <a href="#stats-heading">练习统计</a>
          <a href="#tokens-heading">API 令牌</a>
        </nav>
      </header>

      <section aria-labelledby="stats-heading" className="instructor-section">
        <h2 id="stats-heading">练习统计</h2>
        <p className="instructor-summary">
          {`课程共 ${count(report.totals.exercises)} 道练习，其中 ${count(report.totals.answered)} 道有人作答；`}
          {`共 ${count(report.totals.attempts)} 次作答，答对 ${count(report.totals.correct)} 次。`}
          {"网页上的作答和通过 API 为学习者记录的作答都计入；无法识别的答案不占用作答次数，也不计入。"}
          {"部分正确的答案算作错误答案。"}
        </p>
        {report.lessons.map((lesson, i) => (
          <section key={lesson.url} className="stat-lesson" aria-labelledby={`stats-lesson-${i}`}>
            <h3 id={`stats-lesson-${i}`}>
              <Link href={lesson.url}>{lesson.title}</Link>
            </h3>
            <div className="stat-grid">
              {lesson.exercises.map((exercise) => (
                <ExerciseStatsCard key={exercise.id} exercise={exercise} />
              ))}
            </div>
          </section>
        ))}
        {report.retired.length > 0 ? (
          <section className="stat-lesson" aria-labelledby="retired-heading">
            <h3 id="retired-heading">已不在课程中的练习</h3>
            <p className="instructor-empty">这些练习的 ID 在课程中已找不到（改名或删除了），但还有作答记录。</p>
            <div className="stat-grid">
              {report.retired.map((exercise) => (
                <ExerciseStatsCard key={exercise.id} exercise={exercise} />
              ))}
            </div>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="tokens-heading" className="instructor-section">
        <h2 id="tokens-heading">API 令牌</h2>
        <p>
          {"评分 API（文档见 "}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          {`）不带令牌也能使用，按来源地址限速：${limit(rateLimit)}。带上令牌（请求头 `}
          <code>Authorization: Bearer lbk_…</code>
          {`）时，每个令牌单独限速：${limit(tokenRateLimit)}；评分请求还可以带上 `}
          <code>learner</code>
          {
            "（学习者的用户 ID，可以在下面按邮箱查找），答案会作为这位学习者的作答记录下来，计入上面的统计和学习者自己的进度。"
          }
        </p>
        <ApiTokenCreator />
        <LearnerLookup />
        <h3 className="token-list-heading">全部令牌</h3>
        <ApiTokenList tokens={tokens} />
      </section>
    </main>
  );
}

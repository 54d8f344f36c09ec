import "./instructor.css";
import { exerciseStats, listApiTokens } from "@llm-basics/db";
import { courseReport } from "@llm-basics/progress/instructor-report";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokenCreator } from "@/components/instructor/api-token-creator";
import { ApiTokenList } from "@/components/instructor/api-token-list";
import { ExerciseStatsCard } from "@/components/instructor/exercise-stats";
import { LearnerLookup } from "@/components/instructor/learner-lookup";
import { env } from "@/env";
import { getSite } from "@/lib/course/site";
import { database } from "@/lib/db";
import { localeParam } from "@/lib/i18n";
import { instructorForPage } from "@/lib/instructor/access";
import { instructorText } from "@/lib/instructor/text";

type Params = Promise<{ lang: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const locale = localeParam((await params).lang) ?? "zh";
  return { title: instructorText(locale).title, robots: { index: false, follow: false } };
}
export const dynamic = "force-dynamic";

/**
 * `/instructor/`: how learners do on every exercise of the course, and the grading API's
 * tokens. Instructors only: a visitor is sent to sign in, a learner gets 403.
 */
export default async function InstructorPage({ params }: { params: Params }) {
  const locale = localeParam((await params).lang) ?? "zh";
  const text = instructorText(locale);
  const count = (n: number) => n.toLocaleString(locale === "en" ? "en" : "zh-CN");
  const instructor = await instructorForPage(locale);
  const site = await getSite();
  const db = database();
  const [stats, tokens] = await Promise.all([exerciseStats(db), listApiTokens(db)]);
  const report = courseReport(site.exercises.values(), stats, locale, (url) => {
    const page = site.pageAt(url);
    return page ? site.translationsOf(page).get(locale) : undefined;
  });
  const { rateLimit, tokenRateLimit, rateWindowSeconds } = env.gradingApi;
  const limit = (n: number) => (n > 0 ? text.limit(rateWindowSeconds, count(n)) : text.unlimited);
  return (
    <main id="main-content" className="instructor" tabIndex={-1}>
      <header className="instructor-header">
        <h1>{text.title}</h1>
        <p className="instructor-lead">
          {text.signedInAs(instructor.displayName, instructor.email ?? "")}
          {text.lead}
        </p>
        <nav aria-label={text.onThisPage} className="instructor-toc">
          <a href="#stats-heading">{text.stats}</a>
          <a href="#tokens-heading">{text.tokens}</a>
        </nav>
      </header>

      <section aria-labelledby="stats-heading" className="instructor-section">
        <h2 id="stats-heading">{text.stats}</h2>
        <p className="instructor-summary">
          {text.totals(
            count(report.totals.exercises),
            count(report.totals.answered),
            count(report.totals.attempts),
            count(report.totals.correct),
          )}
          {text.counting}
        </p>
        {report.lessons.map((lesson, i) => (
          <section key={lesson.url} className="stat-lesson" aria-labelledby={`stats-lesson-${i}`}>
            <h3 id={`stats-lesson-${i}`}>
              <Link href={lesson.url}>{lesson.title}</Link>
            </h3>
            <div className="stat-grid">
              {lesson.exercises.map((exercise) => (
                <ExerciseStatsCard key={exercise.id} exercise={exercise} text={text} />
              ))}
            </div>
          </section>
        ))}
        {report.retired.length > 0 ? (
          <section className="stat-lesson" aria-labelledby="retired-heading">
            <h3 id="retired-heading">{text.retired}</h3>
            <p className="instructor-empty">{text.retiredText}</p>
            <div className="stat-grid">
              {report.retired.map((exercise) => (
                <ExerciseStatsCard key={exercise.id} exercise={exercise} text={text} />
              ))}
            </div>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="tokens-heading" className="instructor-section">
        <h2 id="tokens-heading">{text.tokens}</h2>
        <p>
          {text.apiBefore}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          {text.apiAnonymous(limit(rateLimit))}
          <code>Authorization: Bearer lbk_…</code>
          {text.apiToken(limit(tokenRateLimit))}
          <code>learner</code>
          {text.apiLearner}
        </p>
        <ApiTokenCreator locale={locale} />
        <LearnerLookup locale={locale} />
        <h3 className="token-list-heading">{text.allTokens}</h3>
        <ApiTokenList tokens={tokens} text={text} />
      </section>
    </main>
  );
}

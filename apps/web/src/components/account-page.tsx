import "./account-page.css";
import Link from "next/link";
import { AFTER_SIGN_IN, safeNextPath } from "@/lib/accounts/input";
import { accountText } from "@/lib/accounts/text";
import { type Locale, localePath } from "@/lib/i18n";
import { currentUser } from "@/lib/session/learner";
import { AccountForm } from "./account-form";
import { SignOutForm } from "./account-menu";

/** `/signin/` and `/signup/` take `?next=/path/`: where to go once signed in. */
export type AccountSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The sign-in or sign-up page: the form, or, for a browser already signed in to an account,
 * who that is and a way to sign out (which also works without JavaScript).
 */
export async function AccountPage({
  kind,
  searchParams,
  locale,
}: {
  kind: "signin" | "signup";
  searchParams: AccountSearchParams;
  locale: Locale;
}) {
  const text = accountText(locale);
  const asked = safeNextPath((await searchParams).next);
  const next = asked === AFTER_SIGN_IN ? localePath(locale, AFTER_SIGN_IN) : asked;
  const user = await currentUser();
  const other = kind === "signin" ? "signup" : "signin";
  const query = next === localePath(locale, AFTER_SIGN_IN) ? "" : `?next=${encodeURIComponent(next)}`;
  return (
    <main id="main-content" className="account-page" tabIndex={-1}>
      <h1>{kind === "signin" ? text.signIn : text.signUp}</h1>
      {user && !user.isGuest ? (
        <>
          <p>{text.signedInAs(user.displayName)}</p>
          <div className="account-actions">
            <Link href={next} className="button-primary">
              {text.continueTo}
            </Link>
            <SignOutForm locale={locale} className="button-secondary" />
          </div>
        </>
      ) : (
        <>
          <p className="account-lead">{kind === "signin" ? text.signInLead : text.signUpLead}</p>
          {user?.isGuest ? <p className="account-note">{text.guestKeepsWork}</p> : null}
          <AccountForm kind={kind} next={next} locale={locale} />
          <p className="account-switch">
            {kind === "signin" ? text.noAccount : text.haveAccount}
            {/* Chinese needs no space after its full-width question mark. */}
            {locale === "en" ? " " : null}
            <Link href={`${localePath(locale, `/${other}/`)}${query}`}>
              {kind === "signin" ? text.signUp : text.signIn}
            </Link>
          </p>
        </>
      )}
    </main>
  );
}

/** The page's title and a request to search engines to leave it out. */
export async function accountPageMetadata(kind: "signin" | "signup", locale: Locale) {
  const text = accountText(locale);
  return { title: kind === "signin" ? text.signIn : text.signUp, robots: { index: false } };
}

"use client";

import "./account-menu.css";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { SessionResponse } from "@/app/api/session/route";
import { signOutAction } from "@/lib/accounts/actions";
import { accountText } from "@/lib/accounts/text";
import { localePath, publicPath } from "@/lib/i18n";

// The header's account area. The layout around it is shared with prerendered pages, so it
// reads no cookie on the server: the browser asks GET /api/session after each navigation and
// after a sign-out, and shows "sign in / sign up" or the account's name and a sign-out button.

/** Fired on window when this tab signed out, so every account area asks again. */
const SESSION_CHANGED = "llm-basics:session-changed";

type SessionUser = SessionResponse["user"];

/** The account area of the site header. */
export function AccountMenu({ locale }: { locale: "zh" | "en" }) {
  const text = accountText(locale);
  const pathname = usePathname();
  // undefined until /api/session has answered.
  const [user, setUser] = useState<SessionUser | undefined>(undefined);
  const [signOuts, setSignOuts] = useState(0);

  useEffect(() => {
    const changed = () => setSignOuts((n) => n + 1);
    window.addEventListener(SESSION_CHANGED, changed);
    return () => window.removeEventListener(SESSION_CHANGED, changed);
  }, []);

  useEffect(() => {
    // Asked again after every navigation (signing in or up ends in one) and every sign-out.
    void pathname;
    void signOuts;
    const controller = new AbortController();
    fetch("/api/session", { cache: "no-store", signal: controller.signal })
      .then(async (response) => (response.ok ? ((await response.json()) as SessionResponse).user : null))
      .then((known) => setUser(known ?? null))
      .catch(() => {
        // Offline or aborted by the next navigation: show the links rather than nothing.
        if (!controller.signal.aborted) setUser((shown) => shown ?? null);
      });
    return () => controller.abort();
  }, [pathname, signOuts]);

  if (user && !user.isGuest) {
    return (
      <nav className="account-menu" aria-label={text.account}>
        <span className="account-name" title={user.displayName}>
          {user.displayName}
        </span>
        <SignOutForm locale={locale} />
      </nav>
    );
  }
  // Come back here after signing in, unless "here" is one of the forms. (The address the
  // browser shows: a prerendered Chinese page is rendered as `/zh/…`, a path that is not found.)
  const here = pathname ? publicPath(pathname) : undefined;
  const next = here && !/^(?:\/en)?\/(signin|signup)\/?$/.test(here) ? `?next=${encodeURIComponent(here)}` : "";
  // Not fetched ahead (Next's default for a link on the screen): every lesson view would fetch
  // both forms twice (again once `next` is known), more than the rare click is worth on a phone.
  const links = (
    <>
      <Link href={`${localePath(locale, "/signin/")}${next}`} prefetch={false}>
        {text.signIn}
      </Link>
      <span aria-hidden="true" className="account-separator">
        /
      </span>
      <Link href={`${localePath(locale, "/signup/")}${next}`} prefetch={false}>
        {text.signUp}
      </Link>
    </>
  );
  return (
    <nav className="account-menu" aria-label={text.account}>
      {/* Not known yet: nothing, rather than links an account holder would see flash by.
          Without JavaScript it never becomes known, and the links are always right. */}
      {user === undefined ? <noscript>{links}</noscript> : links}
    </nav>
  );
}

/**
 * A POST form that signs the browser out; every account area on the page then asks again who
 * is signed in. Works without JavaScript on the sign-in page (the page is rendered again).
 */
export function SignOutForm({ locale, className }: { locale: "zh" | "en"; className?: string }) {
  const text = accountText(locale);
  const [state, action, pending] = useActionState(signOutAction, { signedOut: false });
  useEffect(() => {
    if (state.signedOut) window.dispatchEvent(new Event(SESSION_CHANGED));
  }, [state]);
  return (
    <form action={action} className="sign-out-form">
      <button type="submit" className={className ?? "account-sign-out"} disabled={pending}>
        {pending ? text.signingOut : text.signOut}
      </button>
    </form>
  );
}

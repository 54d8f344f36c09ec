import type { Metadata } from "next";
import { AccountPage, type AccountSearchParams, accountPageMetadata } from "@/components/account-page";
import { localeParam } from "@/lib/i18n";

type Params = Promise<{ lang: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return accountPageMetadata("signin", localeParam((await params).lang) ?? "zh");
}

/** `/signin/`: sign in with email and password. */
export default async function SignInPage({
  searchParams,
  params,
}: {
  searchParams: AccountSearchParams;
  params: Params;
}) {
  const locale = localeParam((await params).lang) ?? "zh";
  return <AccountPage kind="signin" searchParams={searchParams} locale={locale} />;
}

import type { Metadata } from "next";
import { AccountPage, type AccountSearchParams, accountPageMetadata } from "@/components/account-page";
import { localeParam } from "@/lib/i18n";

type Params = Promise<{ lang: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return accountPageMetadata("signup", localeParam((await params).lang) ?? "zh");
}

/** `/signup/`: make an account (a guest keeps their work). */
export default async function SignUpPage({
  searchParams,
  params,
}: {
  searchParams: AccountSearchParams;
  params: Params;
}) {
  const locale = localeParam((await params).lang) ?? "zh";
  return <AccountPage kind="signup" searchParams={searchParams} locale={locale} />;
}

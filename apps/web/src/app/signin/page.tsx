import type { Metadata } from "next";
import { AccountPage, type AccountSearchParams, accountPageMetadata } from "@/components/account-page";

export function generateMetadata(): Promise<Metadata> {
  return accountPageMetadata("signin");
}

/** `/signin/`: sign in with email and password. */
export default function SignInPage({ searchParams }: { searchParams: AccountSearchParams }) {
  return <AccountPage kind="signin" searchParams={searchParams} />;
}

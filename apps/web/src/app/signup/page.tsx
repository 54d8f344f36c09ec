import type { Metadata } from "next";
import { AccountPage, type AccountSearchParams, accountPageMetadata } from "@/components/account-page";

export function generateMetadata(): Promise<Metadata> {
  return accountPageMetadata("signup");
}

/** `/signup/`: make an account (a guest keeps their work). */
export default function SignUpPage({ searchParams }: { searchParams: AccountSearchParams }) {
  return <AccountPage kind="signup" searchParams={searchParams} />;
}

import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { SignInForm } from "@/features/auth/ui/sign-in-form";
import { JoinLanding, UnknownJoinLink } from "@/features/invites/ui/join-landing";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Join a band", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** Like the invite page: opening it only reads; joining is a button. */
export default async function JoinPage({ params }: Props) {
  const { token } = await params;
  const preview = await (await serverApi()).joinLink.preview({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  return preview ? (
    <JoinLanding token={token} p={preview} signIn={<SignInForm callbackUrl={`/join/${token}`} defaultEmail="" />} />
  ) : <UnknownJoinLink />;
}

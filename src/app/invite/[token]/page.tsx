import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { InviteLanding, UnknownInvite } from "@/features/invites/ui/invite-landing";
import { serverApi } from "@/trpc/server";

// The token is in this page's URL: never send it on as a Referer, never index it.
export const metadata: Metadata = { title: "Band invite", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** Opening an invite only reads it (mail scanners open links); accepting is a button, a POST. */
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const preview = await (await serverApi()).invite.preview({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  return preview ? <InviteLanding token={token} p={preview} /> : <UnknownInvite />;
}

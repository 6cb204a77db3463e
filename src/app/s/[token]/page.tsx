import type { Metadata } from "next";
import { headers } from "next/headers";
import { SharedLinkView } from "./shared-link-view";

// The token is in this page's URL: never send it on as a Referer, never index it
// (src/proxy.ts also sends Referrer-Policy: no-referrer and X-Robots-Tag: noindex).
export const metadata: Metadata = { title: "Shared with you", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** A share link's page: opened in the browser (share.open), so its password cookie lands there. */
export default async function SharedPage({ params }: Props) {
  const { token } = await params;
  return <SharedLinkView token={token} cspNonce={(await headers()).get("x-nonce") ?? undefined} />;
}

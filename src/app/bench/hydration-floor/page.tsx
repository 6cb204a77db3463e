import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/env";
import { FloorButton } from "./floor-button";

export const metadata: Metadata = { title: "Hydration floor", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * `npm run bench:phone`'s reference: the least a page of this build can be
 * (the root layout and one client button), loaded in the same run as the song
 * page, so the song page is read as a ratio to it. A 404 unless BENCH_PAGES=true.
 */
export default function HydrationFloorPage() {
  if (!env().benchPagesEnabled) notFound();
  return <FloorButton />;
}

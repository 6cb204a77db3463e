import type { Metadata } from "next";
import { SavedList } from "@/features/offline/ui/saved-list";

export const metadata: Metadata = { title: "Saved for offline" };

/** What is saved on this device; also the page the service worker shows offline for a page that was not saved. */
export default function OfflinePage() {
  return <SavedList />;
}

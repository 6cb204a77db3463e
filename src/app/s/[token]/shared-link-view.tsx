"use client";

import type { Ref } from "react";
import { AudioPlayer, type PlayerHandle } from "@/features/player/ui/audio-player";
import { SharedLinkPage } from "@/features/sharing/ui/shared-link-page";

/** The guest's page, composed with the app's own player (one player for members and guests). */
export function SharedLinkView({ token, cspNonce }: { token: string; cspNonce?: string }) {
  return (
    <SharedLinkPage
      token={token}
      cspNonce={cspNonce}
      // The player's handle has everything the guest's page uses of it (and more).
      renderPlayer={({ ref, ...props }) => <AudioPlayer {...props} ref={ref as Ref<PlayerHandle>} userId="guest" />}
    />
  );
}

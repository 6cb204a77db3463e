"use client";

import type { ComponentProps } from "react";
import { setlistPageUrl } from "@/features/offline/offline-rules";
import { setlistTakes } from "@/features/offline/offline-store";
import { SaveForOffline } from "@/features/offline/ui/save-for-offline";
import { ReadinessGrid } from "@/features/readiness/ui/readiness-grid";
import { SetlistEditor } from "@/features/setlists/ui/setlist-editor";

/** The setlist page's editor with the readiness grid and "Save for offline" in it: the page composes the setlists, readiness and offline features here. */
export function SetlistEditorWithReadiness(props: Omit<ComponentProps<typeof SetlistEditor>, "readiness" | "offline">) {
  const { bandId, setlistId } = props;
  return (
    <SetlistEditor
      {...props}
      readiness={(setlist) => <ReadinessGrid bandId={bandId} setlist={setlist} />}
      offline={(setlist) => <SaveForOffline request={{ kind: "setlist", id: setlistId, bandId, title: setlist.name, pageUrl: setlistPageUrl(bandId, setlistId), takes: setlistTakes(setlist) }} />}
    />
  );
}

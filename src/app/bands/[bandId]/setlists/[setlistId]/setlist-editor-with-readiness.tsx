"use client";

import type { ComponentProps } from "react";
import { ReadinessGrid } from "@/features/readiness/ui/readiness-grid";
import { SetlistEditor } from "@/features/setlists/ui/setlist-editor";

/** The setlist page's editor with the readiness grid in it: the page composes the setlists and readiness features here. */
export function SetlistEditorWithReadiness(props: Omit<ComponentProps<typeof SetlistEditor>, "readiness">) {
  return <SetlistEditor {...props} readiness={(setlist) => <ReadinessGrid bandId={props.bandId} setlist={setlist} />} />;
}

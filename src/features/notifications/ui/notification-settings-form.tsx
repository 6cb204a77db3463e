"use client";

import { useState } from "react";
import type { NotificationModeValue } from "@/features/notifications/notification.schema";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { Alert } from "@/components/alert";

type Category = "takes" | "replies" | "mentions";

const categories: { key: Category; title: string; hint: string }[] = [
  { key: "takes", title: "New takes", hint: "When someone in one of your bands uploads a take." },
  { key: "replies", title: "Replies to my comments", hint: "When someone answers a comment you wrote." },
  { key: "mentions", title: "Mentions of me", hint: "When someone names you (@Name) in a comment." },
];

const modes: { value: NotificationModeValue; label: string; hint: string }[] = [
  { value: "INSTANT", label: "Right away", hint: "One email each time" },
  { value: "DAILY", label: "Daily digest", hint: "One email a day for all your bands, only when there is news" },
  { value: "OFF", label: "Off", hint: "No email" },
];

/** Which mail you get, per kind: each choice is saved as soon as it is made. */
export function NotificationSettingsForm() {
  const utils = api.useUtils();
  const settings = api.notification.get.useQuery();
  const [saved, setSaved] = useState<Category | null>(null);
  // The choice shows the moment it is made (set in the same event, so the radio
  // never flips back while the save is on its way); a refusal puts the saved one back.
  const [chosen, setChosen] = useState<Partial<Record<Category, NotificationModeValue>>>({});
  const forget = (category: Category) => setChosen(({ [category]: _, ...rest }) => rest);
  const update = api.notification.update.useMutation({
    onError: (_error, input) => {
      for (const category of Object.keys(input) as Category[]) forget(category);
    },
    onSuccess: (data, input) => {
      utils.notification.get.setData(undefined, data);
      for (const category of Object.keys(input) as Category[]) forget(category);
      setSaved((Object.keys(input)[0] as Category | undefined) ?? null);
    },
  });

  if (settings.isPending) return <div className="skeleton" style={{ height: 320 }} aria-busy="true" aria-label="Loading your email settings" role="status" />;
  if (settings.isError) return <Alert as="p" tone="error">{userMessage(settings.error)}</Alert>;

  return (
    <div className="stack">
      {categories.map((c) => (
        <fieldset key={c.key} className="card stack-sm notify-fieldset">
          <legend className="notify-legend">{c.title}</legend>
          <p className="small muted m-0">
            {c.hint}
          </p>
          <div className="notify-options">
            {modes.map((m) => (
              <label key={m.value} className="notify-option">
                <input
                  type="radio"
                  name={`notify-${c.key}`}
                  value={m.value}
                  checked={(chosen[c.key] ?? settings.data[c.key]) === m.value}
                  onChange={() => {
                    setSaved(null);
                    setChosen((previous) => ({ ...previous, [c.key]: m.value }));
                    update.mutate({ [c.key]: m.value });
                  }}
                />
                <span>
                  <span className="notify-option-label">{m.label}</span>
                  <span className="small muted notify-option-hint">{m.hint}</span>
                </span>
              </label>
            ))}
          </div>
          {saved === c.key ? (
            <p className="small m-0 text-success" role="status">
              Saved.
            </p>
          ) : null}
        </fieldset>
      ))}
      {update.isError ? (
        <Alert as="p" tone="error">
          {userMessage(update.error)}
        </Alert>
      ) : null}
      <p className="small muted">
        Every email has an unsubscribe link that works without signing in. You never get email about your own takes and comments, and
        nothing from a band you have left.
      </p>
    </div>
  );
}

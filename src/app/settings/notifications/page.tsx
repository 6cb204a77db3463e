import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotificationSettingsForm } from "@/features/notifications/ui/notification-settings-form";
import { currentUser, HydrateClient, prefetch } from "@/trpc/server";

export const metadata: Metadata = { title: "Email settings" };

export default async function NotificationSettingsPage() {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent("/settings/notifications")}`);
  await prefetch.notification.get.prefetch();
  return (
    <div className="stack" style={{ maxWidth: 640 }}>
      <div>
        <p className="eyebrow">Settings</p>
        <h1>Email settings</h1>
        <p className="muted">Choose which emails RehearsalHub sends you, and how often.</p>
      </div>
      <HydrateClient>
        <NotificationSettingsForm />
      </HydrateClient>
    </div>
  );
}

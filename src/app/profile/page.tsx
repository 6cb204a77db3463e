import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ProfileForm } from "@/features/profile/ui/profile-form";
import { currentUser, HydrateClient, prefetch } from "@/trpc/server";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent("/profile")}`);
  await prefetch.profile.get.prefetch();
  return (
    <div className="stack" style={{ maxWidth: 560 }}>
      <div>
        <p className="eyebrow">Profile</p>
        <h1>Your profile</h1>
      </div>
      <section className="card" aria-label="Your display name">
        <HydrateClient>
          <ProfileForm />
        </HydrateClient>
      </section>
      <section className="card row-between" aria-label="Email">
        <p className="m-0">New takes, replies and mentions: choose what is emailed, and how often.</p>
        <Link href="/settings/notifications" className="btn btn-secondary">
          Email settings
        </Link>
      </section>
    </div>
  );
}

import Link from "next/link";
import { CreateBandForm } from "@/features/bands/ui/create-band-form";
import { RoleBadge } from "@/components/role-badge";
import { currentUser, serverApi } from "@/trpc/server";
import { Icon } from "@/components/icon";
import { StatusNotice } from "@/components/status-notice";
import { Alert } from "@/components/alert";

type Props = { searchParams: Promise<{ left?: string | string[] }> };

export default async function HomePage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) return <Landing />;

  const { left } = await searchParams;
  const caller = await serverApi();
  const bands = await caller.band.list();
  // What is new in each band since I last opened its activity.
  const unread = new Map(await Promise.all(bands.map(async (b) => [b.id, (await caller.activity.unread({ bandId: b.id })).count] as const)));
  return (
    <div className="stack" style={{ gap: 28 }}>
      {/* The band is gone from the list by now, so its name comes along in the
          redirect; it is only ever shown back as text, and kept short. */}
      {typeof left === "string" && left.trim() ? <StatusNotice param="left" message={`You left ${left.trim().slice(0, 100)}.`} /> : null}
      {!user.name?.trim() ? (
        <Alert tone="info" announce={false} className="name-banner" data-testid="name-banner">
          <span>Tell your bandmates who you are: add your name, and they will see it instead of your email address.</span>
          <Link href="/profile" className="btn btn-secondary btn-sm">
            Add your name
          </Link>
        </Alert>
      ) : null}
      <div className="page-header">
        <div>
          <p className="eyebrow">Dashboard</p>
          <h1>Your bands</h1>
          <p className="muted">
            {bands.length === 0
              ? "Start a band, or open an invite link a bandmate sent you."
              : `You play in ${bands.length} ${bands.length === 1 ? "band" : "bands"}.`}
          </p>
        </div>
      </div>

      {bands.length === 0 ? (
        <div className="empty-state">
          <div className="icon"><Icon name="users" size={32} /></div>
          <h2>No bands yet</h2>
          <p>Create your band below, then invite the others by email.</p>
        </div>
      ) : (
        <ul className="grid-cards" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Your bands">
          {bands.map((band) => (
            <li key={band.id}>
              <Link href={`/bands/${band.id}`} className="card card-link stack-sm" data-testid="band-card">
                <div className="row-between">
                  <h2 className="truncate m-0">
                    {band.name}
                  </h2>
                  <span className="row" style={{ gap: 6, flex: "none" }}>
                    {unread.get(band.id) ? (
                      <span className="badge badge-new" data-testid="band-unread">
                        {unread.get(band.id)} new
                      </span>
                    ) : null}
                    <RoleBadge role={band.role} />
                  </span>
                </div>
                <p className="small muted m-0">
                  {band.songCount} {band.songCount === 1 ? "song" : "songs"} · {band.memberCount}{" "}
                  {band.memberCount === 1 ? "member" : "members"}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}

      <section className="card" aria-labelledby="create-band-heading" style={{ maxWidth: 560 }}>
        <h2 id="create-band-heading">Start a new band</h2>
        <CreateBandForm />
      </section>
    </div>
  );
}

function Landing() {
  return (
    <div>
      <section className="hero">
        <p className="eyebrow">For bands who record every rehearsal</p>
        <h1>Every take, every song, in one place.</h1>
        <p className="lead">
          RehearsalHub keeps your band&apos;s rehearsal recordings together: upload takes from your phone, listen and
          seek in the browser, and leave comments at the exact second that needs work.
        </p>
        <div className="row">
          <Link href="/signin" className="btn btn-primary">
            Sign in with email
          </Link>
          <span className="small faint">No password. New here? The same link creates your account.</span>
        </div>
      </section>
      <section className="features" aria-label="What you can do">
        <div className="card">
          <h2 className="feature-title"><Icon name="layers" /> Every take of every song</h2>
          <p>Versions stay with their song, newest first, with the best take marked.</p>
        </div>
        <div className="card">
          <h2 className="feature-title"><Icon name="headphones" /> Listen anywhere</h2>
          <p>Stream in the browser and jump to any moment, or download a take to keep.</p>
        </div>
        <div className="card">
          <h2 className="feature-title"><Icon name="message" /> Feedback on the beat</h2>
          <p>Comment on a take at the second you mean, so nobody has to guess.</p>
        </div>
        <div className="card">
          <h2 className="feature-title"><Icon name="lock" /> Just your band</h2>
          <p>Invite bandmates by email; owners and admins decide who is in.</p>
        </div>
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { LocalDate } from "@/components/local-date";
import { formatSetLength, printTypeSize } from "@/features/setlists/setlist.rules";
import { PrintButton } from "@/features/setlists/ui/print-button";
import { formatClock } from "@/lib/format-time";
import { areIds, bandPageTitle, loadForPage, notFoundUnlessIds, serverApi } from "@/trpc/server";

type Props = { params: Promise<{ bandId: string; setlistId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { bandId } = await params;
  if (!areIds(bandId)) return { title: "Print setlist" };
  return { title: await bandPageTitle(bandId, "Print setlist") };
}

/** The set on one page in big type, with keys and tempos: for the floor, the music stand or the wall. */
export default async function SetlistPrintPage({ params }: Props) {
  const { bandId, setlistId } = await params;
  notFoundUnlessIds(bandId, setlistId);
  const result = await loadForPage(async () => (await serverApi()).setlist.get({ bandId, setlistId }), `/bands/${bandId}/setlists/${setlistId}/print`);
  // The layout already explains a refusal.
  if (!result.ok) return null;
  const setlist = result.data;
  return (
    <div className="stack">
      <div className="row no-print">
        <Link href={`/bands/${bandId}/setlists/${setlistId}`} className="btn btn-ghost">
          ← Back to the setlist
        </Link>
        <PrintButton />
      </div>
      <article className="print-sheet" style={{ fontSize: `${printTypeSize(setlist.songs.length)}rem` }} data-testid="print-sheet">
        <header className="print-head">
          <h2>{setlist.name}</h2>
          <p>
            {setlist.performAt ? <LocalDate date={setlist.performAt} /> : null}
            {setlist.performAt ? " · " : ""}
            {setlist.songs.length} {setlist.songs.length === 1 ? "song" : "songs"}
            {setlist.total.seconds > 0 ? ` · ${formatSetLength(setlist.total.seconds)}` : ""}
          </p>
        </header>
        {setlist.songs.length === 0 ? (
          <p>No songs in this set yet.</p>
        ) : (
          <ol className="print-songs">
            {setlist.songs.map((song) => (
              <li key={song.songId}>
                <span className="print-title">{song.title}</span>
                <span className="print-facts">
                  {[song.key, song.tempoBpm ? `${song.tempoBpm} bpm` : null, song.take?.durationSeconds ? formatClock(song.take.durationSeconds) : null].filter(Boolean).join(" · ")}
                </span>
                {song.gigNotes ? <span className="print-note">{song.gigNotes}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </article>
    </div>
  );
}

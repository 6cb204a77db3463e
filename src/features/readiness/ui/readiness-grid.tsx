"use client";

import { Avatar } from "@/components/avatar";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";

type Setlist = RouterOutputs["setlist"]["get"];

/** Members x songs: who can play what. Your own column is a row of toggles. */
export function ReadinessGrid({ bandId, setlist }: { bandId: string; setlist: Setlist }) {
  const utils = api.useUtils();
  const set = api.readiness.set.useMutation({
    onSuccess: () => Promise.all([utils.setlist.get.invalidate({ bandId, setlistId: setlist.id }), utils.setlist.list.invalidate({ bandId })]),
  });
  if (setlist.songs.length === 0) return <p className="muted small">Add songs to see who is ready for them.</p>;
  return (
    <div className="stack-sm">
      <div className="readiness-scroll" tabIndex={0} role="region" aria-label="Readiness, members by songs">
        <table className="readiness-grid" data-testid="readiness-grid">
          <caption className="visually-hidden">Who is ready to play each song of {setlist.name}</caption>
          <thead>
            <tr>
              <th scope="col">Song</th>
              {setlist.members.map((m) => (
                <th scope="col" key={m.userId} data-testid="readiness-member">
                  <span className="readiness-person">
                    <Avatar person={{ id: m.userId, name: m.name, email: m.displayName }} size="sm" />
                    <span className="truncate">{m.isMe ? "You" : m.displayName}</span>
                  </span>
                  {m.part ? <span className="small muted readiness-part truncate">{m.part}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {setlist.songs.map((song) => (
              <tr key={song.songId}>
                <th scope="row" className="truncate">
                  {song.title}
                </th>
                {song.readiness.map((cell) => {
                  const member = setlist.members.find((m) => m.userId === cell.userId);
                  if (member?.isMe) {
                    return (
                      <td key={cell.userId}>
                        <button
                          type="button"
                          className={`readiness-toggle${cell.ready ? " is-ready" : ""}`}
                          aria-pressed={cell.ready}
                          disabled={set.isPending}
                          onClick={() => set.mutate({ bandId, songId: song.songId, ready: !cell.ready })}
                          data-testid="my-readiness"
                        >
                          <span aria-hidden="true">{cell.ready ? "✓" : "–"}</span>
                          <span className="visually-hidden">I am ready for {song.title}</span>
                        </button>
                      </td>
                    );
                  }
                  return (
                    <td key={cell.userId} data-ready={cell.ready}>
                      <span className={cell.ready ? "readiness-yes" : "readiness-no"} aria-hidden="true">
                        {cell.ready ? "✓" : "–"}
                      </span>
                      <span className="visually-hidden">{cell.ready ? "ready" : "not ready"}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {set.error ? (
        <p className="field-error" role="alert">
          {userMessage(set.error)}
        </p>
      ) : null}
    </div>
  );
}

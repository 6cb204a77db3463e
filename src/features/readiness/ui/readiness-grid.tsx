"use client";

import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { readinessColumns } from "../readiness-columns";
import { MemberHead } from "./member-head";
import { useMoreToTheRight } from "./use-more-to-the-right";

type Setlist = RouterOutputs["setlist"]["get"];

/**
 * Members x songs: who can play what. My own column comes first and is a row
 * of toggles; the song titles stay put while the grid scrolls sideways, and a
 * hint says when more members are out of sight.
 */
export function ReadinessGrid({ bandId, setlist }: { bandId: string; setlist: Setlist }) {
  const utils = api.useUtils();
  const set = api.readiness.set.useMutation({
    onSuccess: () => Promise.all([utils.setlist.get.invalidate({ bandId, setlistId: setlist.id }), utils.setlist.list.invalidate({ bandId })]),
  });
  const { ref: scrollBox, more, stepRight } = useMoreToTheRight<HTMLDivElement>();
  if (setlist.songs.length === 0) return <p className="muted small">Add songs to see who is ready for them.</p>;
  const columns = readinessColumns(setlist.members);
  return (
    <div className="stack-sm">
      {more ? (
        <div className="readiness-more">
          <button type="button" className="btn btn-secondary btn-sm readiness-more-btn" onClick={stepRight}>
            More members <span aria-hidden="true">→</span>
          </button>
        </div>
      ) : null}
      <div className={`readiness-frame${more ? " has-more" : ""}`}>
        <div className="readiness-scroll" ref={scrollBox} tabIndex={0} role="region" aria-label="Readiness, members by songs">
          <table className="readiness-grid" data-testid="readiness-grid">
            <caption className="visually-hidden">Who is ready to play each song of {setlist.name}</caption>
            <thead>
              <tr>
                <th scope="col" className="readiness-song">
                  Song
                </th>
                {columns.map((m) => (
                  <MemberHead key={m.userId} member={m} />
                ))}
              </tr>
            </thead>
            <tbody>
              {setlist.songs.map((song) => {
                const cells = new Map(song.readiness.map((cell) => [cell.userId, cell.ready]));
                return (
                  <tr key={song.songId}>
                    <th scope="row" className="readiness-song">
                      {song.title}
                    </th>
                    {columns.map((member) => {
                      const ready = cells.get(member.userId) ?? false;
                      if (member.isMe) {
                        return (
                          <td key={member.userId}>
                            <button
                              type="button"
                              className={`readiness-toggle${ready ? " is-ready" : ""}`}
                              aria-pressed={ready}
                              disabled={set.isPending}
                              onClick={() => set.mutate({ bandId, songId: song.songId, ready: !ready })}
                              data-testid="my-readiness"
                            >
                              <span aria-hidden="true">{ready ? "✓" : "–"}</span>
                              <span className="visually-hidden">I am ready for {song.title}</span>
                            </button>
                          </td>
                        );
                      }
                      return (
                        <td key={member.userId} data-ready={ready}>
                          <span className={ready ? "readiness-yes" : "readiness-no"} aria-hidden="true">
                            {ready ? "✓" : "–"}
                          </span>
                          <span className="visually-hidden">{ready ? "ready" : "not ready"}</span>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      {set.isPaused && set.variables ? (
        // Offline: the mark is held and sent when the network returns (react-query resumes paused mutations).
        <p className="alert alert-warning m-0" role="status" data-testid="readiness-waiting">
          Waiting to sync: {set.variables.ready ? "ready" : "not ready"} for {setlist.songs.find((s) => s.songId === set.variables?.songId)?.title ?? "this song"}
        </p>
      ) : null}
      {set.error ? (
        <p className="field-error" role="alert">
          {userMessage(set.error)}
        </p>
      ) : null}
    </div>
  );
}

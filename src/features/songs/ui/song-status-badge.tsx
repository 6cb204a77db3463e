import { songStatusLabel, type SongStatus } from "@/features/songs/song.schema";

const statusClass: Record<SongStatus, string> = { IDEA: "badge-neutral", LEARNING: "badge-admin", READY: "badge-success", RETIRED: "badge-member" };

export function SongStatusBadge({ status }: { status: SongStatus }) {
  return <span className={`badge ${statusClass[status]}`}>{songStatusLabel[status]}</span>;
}

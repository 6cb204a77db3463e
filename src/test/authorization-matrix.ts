import "server-only";

/**
 * The authorization matrix: every tRPC procedure, and for every caller
 * (anonymous, signed-in non-member, member, admin, owner) on their own band
 * and on another band, the expected outcome. authorization-matrix.int.test.ts
 * walks appRouter and fails when a procedure is missing here, so adding a
 * procedure means adding one row.
 *
 * A band-scoped row states its minimum role (checked against the
 * procedure's bandMemberProcedure meta) and how to build valid input from a
 * seeded band. The outcome of every cell follows from that:
 *   anonymous -> UNAUTHORIZED; non-member or another band -> FORBIDDEN
 *   NOT_A_MEMBER; below minRole -> FORBIDDEN INSUFFICIENT_ROLE; otherwise
 *   "ok", unless `allowed` names a domain rule that refuses that caller.
 */
import type { BandRole } from "@/lib/roles";
import { hasAtLeastRole } from "@/lib/roles";
import type { SessionUser } from "@/server/auth/session";
import type { ErrorReason } from "@/server/errors";

export const callers = ["anonymous", "nonMember", "member", "admin", "owner"] as const;
export type Caller = (typeof callers)[number];
export type MemberCaller = Extract<Caller, "member" | "admin" | "owner">;
export const callerRole: Record<MemberCaller, BandRole> = { member: "MEMBER", admin: "ADMIN", owner: "OWNER" };

/** Which band's ids the caller passes: the one they belong to, or another one. */
export const bandSides = ["own", "other"] as const;
export type BandSide = (typeof bandSides)[number];

export type Outcome = "ok" | { code: string; reason?: ErrorReason };

/** What the matrix fixture seeds in each of its two bands (directly through Prisma). */
export type SeededBand = {
  id: string;
  name: string;
  users: Record<MemberCaller, SessionUser> & {
    /** A plain member who created the song, uploaded the take and wrote the comment. */
    uploader: SessionUser;
  };
  song: { id: string };
  version: { id: string; storageKey: string };
  comment: { id: string };
  /** A practice marker of the plain "member" caller (private to them). */
  marker: { id: string };
  /** A pending invite to an address that has no account. */
  invite: { id: string; email: string };
  joinLink: { id: string };
  activity: { id: string };
  /** A setlist holding the song. */
  setlist: { id: string };
  /** A share link to the take, made by the uploader, with guest comments on and the password "matrix". */
  shareLink: { id: string; token: string };
};

export type BandScopedRow = {
  kind: "band";
  minRole: BandRole;
  /** Valid input for a call on band `b` (bandId included). */
  input: (b: SeededBand) => Record<string, unknown>;
  /** Writes when allowed: each allowed call then runs on freshly seeded bands. */
  mutates?: boolean;
  /** Callers at or above minRole whom a domain rule still refuses (e.g. "uploader or admin"). */
  allowed?: Partial<Record<MemberCaller, Outcome>>;
  /** Who else may act although `allowed` refuses their role, or the rule that limits them (the permission table in docs/security.md). */
  also?: string;
};

export type UnscopedRow = {
  kind: "not-band-scoped";
  /** "signed-in": built on protectedProcedure, so anonymous callers get UNAUTHORIZED. */
  access: "public" | "signed-in";
  why: string;
};

export type MatrixRow = BandScopedRow | UnscopedRow;

const band = (minRole: BandRole, input: BandScopedRow["input"], extra: Omit<BandScopedRow, "kind" | "minRole" | "input"> = {}): BandScopedRow => ({
  kind: "band",
  minRole,
  input,
  ...extra,
});
const notBandScoped = (access: UnscopedRow["access"], why: string): UnscopedRow => ({ kind: "not-band-scoped", access, why });

const onlyBand = (b: SeededBand) => ({ bandId: b.id });
const forbidden = (reason: ErrorReason): Outcome => ({ code: "FORBIDDEN", reason });
const GRANTABLE_INVITE = "only for a role the caller could grant (admins never handle owner invites)";

export const authorizationMatrix: Record<string, MatrixRow> = {
  "band.create": notBandScoped("signed-in", "creates a new band; the caller becomes its owner"),
  "band.list": notBandScoped("signed-in", "lists only the caller's own memberships"),
  "band.get": band("MEMBER", onlyBand),
  "band.update": band("ADMIN", (b) => ({ bandId: b.id, name: "Renamed by the matrix" }), { mutates: true }),
  "band.delete": band("OWNER", onlyBand, { mutates: true }),

  "member.list": band("MEMBER", onlyBand),
  "member.updateRole": band("ADMIN", (b) => ({ bandId: b.id, userId: b.users.uploader.id, role: "ADMIN" }), {
    mutates: true,
    also: "admins change members and admins, up to admin; only owners make or change owners",
  }),
  "member.remove": band("ADMIN", (b) => ({ bandId: b.id, userId: b.users.uploader.id }), { mutates: true, also: "admins remove members and admins, never owners" }),
  "member.leave": band("MEMBER", onlyBand, {
    mutates: true,
    allowed: { owner: { code: "CONFLICT", reason: "LAST_OWNER" } },
    also: "an owner only while another owner remains",
  }),

  "activity.list": band("MEMBER", (b) => ({ bandId: b.id, cursor: b.activity.id })),
  "activity.unread": band("MEMBER", (b) => ({ bandId: b.id })),
  "activity.markSeen": band("MEMBER", (b) => ({ bandId: b.id }), { mutates: true }),

  "song.create": band("MEMBER", (b) => ({ bandId: b.id, title: "Matrix song" }), { mutates: true }),
  "song.list": band("MEMBER", onlyBand),
  "song.get": band("MEMBER", (b) => ({ bandId: b.id, songId: b.song.id })),
  "song.update": band("MEMBER", (b) => ({ bandId: b.id, songId: b.song.id, title: "Renamed song" }), { mutates: true }),

  "version.list": band("MEMBER", (b) => ({ bandId: b.id, songId: b.song.id })),
  "version.get": band("MEMBER", (b) => ({ bandId: b.id, versionId: b.version.id })),
  "version.update": band("MEMBER", (b) => ({ bandId: b.id, versionId: b.version.id, title: "Renamed take" }), {
    mutates: true,
    allowed: { member: forbidden("INSUFFICIENT_ROLE") },
    also: "the take's uploader",
  }),
  "version.delete": band("MEMBER", (b) => ({ bandId: b.id, versionId: b.version.id }), {
    mutates: true,
    allowed: { member: forbidden("INSUFFICIENT_ROLE") },
    also: "the take's uploader",
  }),

  "version.retryProcessing": band("MEMBER", (b) => ({ bandId: b.id, versionId: b.version.id }), {
    mutates: true,
    // The seeded take is FAILED (the matrix fixture), so allowed callers get past the state check.
    allowed: { member: forbidden("INSUFFICIENT_ROLE") },
    also: "the take's uploader; only when processing failed",
  }),

  "comment.list": band("MEMBER", (b) => ({ bandId: b.id, versionId: b.version.id })),
  "comment.create": band("MEMBER", (b) => ({ bandId: b.id, versionId: b.version.id, body: "Great groove at the bridge" }), { mutates: true }),
  "comment.delete": band("MEMBER", (b) => ({ bandId: b.id, commentId: b.comment.id }), {
    mutates: true,
    allowed: { member: forbidden("INSUFFICIENT_ROLE") },
    also: "the comment's author",
  }),
  "comment.update": band("MEMBER", (b) => ({ bandId: b.id, commentId: b.comment.id, body: "Edited by the matrix" }), {
    mutates: true,
    allowed: { member: forbidden("INSUFFICIENT_ROLE"), admin: forbidden("INSUFFICIENT_ROLE"), owner: forbidden("INSUFFICIENT_ROLE") },
    also: "the comment's author only",
  }),
  "comment.resolve": band("MEMBER", (b) => ({ bandId: b.id, commentId: b.comment.id, resolved: true }), { mutates: true, also: "top-level comments only" }),

  "marker.list": band("MEMBER", (b) => ({ bandId: b.id, songId: b.song.id }), { also: "lists only the caller's own markers" }),
  "marker.create": band("MEMBER", (b) => ({ bandId: b.id, songId: b.song.id, versionId: b.version.id, atSeconds: 1, label: "Bridge" }), { mutates: true }),
  "marker.delete": band("MEMBER", (b) => ({ bandId: b.id, markerId: b.marker.id }), {
    mutates: true,
    allowed: { admin: { code: "NOT_FOUND" }, owner: { code: "NOT_FOUND" } },
    also: "the marker's creator only; to anyone else it does not exist",
  }),

  "invite.list": band("MEMBER", onlyBand),
  "invite.create": band("ADMIN", (b) => ({ bandId: b.id, email: "new.bandmate@example.test", role: "MEMBER" }), { mutates: true, also: GRANTABLE_INVITE }),
  "invite.resend": band("ADMIN", (b) => ({ bandId: b.id, inviteId: b.invite.id }), { mutates: true, also: GRANTABLE_INVITE }),
  "invite.revoke": band("ADMIN", (b) => ({ bandId: b.id, inviteId: b.invite.id }), { mutates: true, also: GRANTABLE_INVITE }),
  "invite.preview": notBandScoped("public", "by secret token; shows what the invite offers to whoever holds the link"),
  "invite.accept": notBandScoped("signed-in", "by secret token, for the invited email address"),
  "invite.decline": notBandScoped("signed-in", "by secret token, for the invited email address"),

  "joinLink.get": band("MEMBER", onlyBand),
  "joinLink.create": band("ADMIN", onlyBand, { mutates: true }),
  "joinLink.revoke": band("ADMIN", onlyBand, { mutates: true }),
  "profile.get": notBandScoped("signed-in", "the caller's own profile only"),
  "profile.update": notBandScoped("signed-in", "the caller's own display name only"),
  "notification.get": notBandScoped("signed-in", "the caller's own email choices only"),
  "notification.update": notBandScoped("signed-in", "the caller's own email choices only"),
  "member.setPart": band("MEMBER", (b) => ({ bandId: b.id, part: "Bass" }), { mutates: true, also: "sets only the caller's own part" }),

  "setlist.create": band("MEMBER", (b) => ({ bandId: b.id, name: "Matrix set", performAt: new Date("2031-05-01T20:00:00Z") }), { mutates: true }),
  "setlist.list": band("MEMBER", onlyBand),
  "setlist.get": band("MEMBER", (b) => ({ bandId: b.id, setlistId: b.setlist.id })),
  "setlist.update": band("MEMBER", (b) => ({ bandId: b.id, setlistId: b.setlist.id, name: "Renamed set" }), { mutates: true }),
  "setlist.setSongs": band("MEMBER", (b) => ({ bandId: b.id, setlistId: b.setlist.id, songIds: [b.song.id] }), { mutates: true }),
  "setlist.setGigNotes": band("MEMBER", (b) => ({ bandId: b.id, setlistId: b.setlist.id, songId: b.song.id, notes: "Capo 2" }), { mutates: true }),
  "setlist.delete": band("ADMIN", (b) => ({ bandId: b.id, setlistId: b.setlist.id }), { mutates: true }),
  "readiness.set": band("MEMBER", (b) => ({ bandId: b.id, songId: b.song.id, ready: true }), { mutates: true, also: "sets only the caller's own readiness" }),

  "joinLink.preview": notBandScoped("public", "by secret token; shows the band's name to whoever holds the link"),

  "share.create": band("MEMBER", (b) => ({ bandId: b.id, versionId: b.version.id }), { mutates: true, also: "a link that never expires: admins only" }),
  "share.list": band("MEMBER", onlyBand),
  "share.revoke": band("MEMBER", (b) => ({ bandId: b.id, shareId: b.shareLink.id }), {
    mutates: true,
    allowed: { member: forbidden("INSUFFICIENT_ROLE") },
    also: "the link's creator",
  }),
  "share.open": notBandScoped("public", "by a share link's secret token (and its password); what that link shares, nothing else"),
  "share.comment": notBandScoped("public", "by a share link's secret token (and its password), when the link takes comments; only on takes it covers"),
  "joinLink.join": notBandScoped("signed-in", "by secret token; joining is what the link is for"),
};

/**
 * The audio route handlers, which are not tRPC procedures. Each is decided by
 * the same rule as bandMemberProcedure at `minRole`: upload through
 * requireRouteBandAccess (requireBandAccess), stream and download through
 * requireTakeAccess, whose one statement feeds the same decideBandAccess. permissions-table.test.ts walks
 * src/app/api and src/pages/api and fails when a route there is neither tRPC,
 * next-auth, a health check nor listed here, so the permission table in docs/security.md cannot miss one.
 */
export type AudioRouteRow = { route: string; file: string; minRole: BandRole; also?: string };
export const audioRoutes: Record<string, AudioRouteRow> = {
  upload: {
    route: "POST /api/bands/<bandId>/songs/<songId>/versions",
    file: "src/app/api/bands/[bandId]/songs/[songId]/versions/route.ts",
    minRole: "MEMBER",
  },
  resumableUpload: {
    route: "POST /api/uploads, HEAD, PATCH, DELETE, GET /api/uploads/<uploadId>",
    file: "src/app/api/uploads/[[...id]]/route.ts",
    minRole: "MEMBER",
    also: "tus; band and song named at creation; every request re-checked; only the upload's creator may continue it",
  },
  stream: {
    route: "GET, HEAD /api/versions/<versionId>/stream",
    file: "src/pages/api/versions/[versionId]/stream.ts",
    minRole: "MEMBER",
  },
  download: {
    route: "GET, HEAD /api/versions/<versionId>/download",
    file: "src/pages/api/versions/[versionId]/download.ts",
    minRole: "MEMBER",
  },
  peaks: {
    route: "GET, HEAD /api/versions/<versionId>/peaks",
    file: "src/pages/api/versions/[versionId]/peaks.ts",
    minRole: "MEMBER",
    also: "404 until processing made them",
  },
  analysis: {
    route: "GET, HEAD /api/versions/<versionId>/analysis",
    file: "src/pages/api/versions/[versionId]/analysis.ts",
    minRole: "MEMBER",
    also: "404 until the music analysis is made",
  },
};

/**
 * Routes that act by a secret token in their URL, not by a session or band
 * membership (the token is the authority; its tests are next to the handler).
 */
export const tokenRoutes: Record<string, { route: string; file: string; why: string }> = {
  shareStream: {
    route: "GET, HEAD /api/s/<token>/versions/<versionId>/stream",
    file: "src/pages/api/s/[token]/versions/[versionId]/stream.ts",
    why: "a link guest: only takes the link covers, while it is neither revoked nor expired, after its password",
  },
  sharePeaks: {
    route: "GET, HEAD /api/s/<token>/versions/<versionId>/peaks",
    file: "src/pages/api/s/[token]/versions/[versionId]/peaks.ts",
    why: "a link guest, like its stream",
  },
  shareDownload: {
    route: "GET, HEAD /api/s/<token>/versions/<versionId>/download",
    file: "src/pages/api/s/[token]/versions/[versionId]/download.ts",
    why: "a link guest, like its stream, and only when the link allows downloads",
  },
  unsubscribe: {
    route: "POST /unsubscribe/<token> (rewritten to /api/unsubscribe/<token>)",
    file: "src/app/api/unsubscribe/[token]/route.ts",
    why: "one-click unsubscribe (RFC 8058): turns off the mail the link came in, signed out",
  },
};

/**
 * The "link guest" column: whoever holds a share link (and proved its
 * password) is, to every procedure, an anonymous caller. Only the link's own
 * public procedures (by its token) and its own audio routes answer them.
 */
export const linkGuestProcedures = ["share.open", "share.comment"] as const;

export function linkGuestOutcome(procedurePath: string, row: MatrixRow): Outcome | "own link only" {
  if ((linkGuestProcedures as readonly string[]).includes(procedurePath)) return "own link only";
  if (row.kind === "band" || row.access === "signed-in") return { code: "UNAUTHORIZED" };
  // Another kind of token (an invite, a join link): a share token is not one.
  return { code: "NOT_FOUND", reason: "INVITE_NOT_FOUND" };
}

/** The expected outcome of one cell of the matrix. */
export function expectedOutcome(row: BandScopedRow, caller: Caller, side: BandSide): Outcome {
  if (caller === "anonymous") return { code: "UNAUTHORIZED" };
  if (caller === "nonMember" || side === "other") return forbidden("NOT_A_MEMBER");
  if (!hasAtLeastRole(callerRole[caller], row.minRole)) return forbidden("INSUFFICIENT_ROLE");
  return row.allowed?.[caller] ?? "ok";
}

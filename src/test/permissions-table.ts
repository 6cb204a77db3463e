import { bandRoles, hasAtLeastRole, roleLabel, type BandRole } from "@/lib/roles";
import { audioRoutes, authorizationMatrix, callerRole, linkGuestOutcome, tokenRoutes, type BandScopedRow, type MatrixRow, type MemberCaller } from "./authorization-matrix";

// The permission table in docs/security.md, generated from the authorization matrix (which
// the matrix test checks against every procedure and every caller), so the
// written-down rules cannot drift from the enforced ones.
// `npm run docs:permissions` writes it; permissions-table.test.ts fails when
// that copy is stale.

export const PERMISSIONS_START = "<!-- permissions:start -->";
export const PERMISSIONS_END = "<!-- permissions:end -->";

const roleName = (role: BandRole) => roleLabel[role].toLowerCase();

/**
 * The least role that succeeds by role alone: a row whose procedure admits
 * members but whose rule refuses a plain member ("uploader or admin") is an
 * admin row, with the uploader under "who else".
 */
function leastRole(row: BandScopedRow): BandRole {
  const byRole = Object.fromEntries(Object.entries(callerRole).map(([caller, role]) => [role, caller as MemberCaller]));
  const refused = (role: BandRole) => {
    const outcome = row.allowed?.[byRole[role]!];
    return typeof outcome === "object" && outcome.code === "FORBIDDEN";
  };
  return bandRoles.find((role) => hasAtLeastRole(role, row.minRole) && !refused(role)) ?? "OWNER";
}

function procedureCells(row: MatrixRow): [string, string] {
  if (row.kind === "band") return [roleName(leastRole(row)), row.also ?? "—"];
  return [row.access === "public" ? "anyone (not band-scoped)" : "signed in (not band-scoped)", row.why];
}

function guestCell(outcome: ReturnType<typeof linkGuestOutcome>): string {
  if (outcome === "own link only") return "its own link only";
  return outcome === "ok" ? "ok" : `refused (${outcome.code})`;
}

export function permissionsTable(): string {
  const lines = [
    PERMISSIONS_START,
    "<!-- Generated from src/test/authorization-matrix.ts by `npm run docs:permissions`; do not edit by hand. -->",
    "",
    "Band-scoped calls need membership of that band at the minimum role (owner > admin > member);",
    "below it the answer is 403 `INSUFFICIENT_ROLE`, for a non-member 403 `NOT_A_MEMBER`, signed out 401.",
    "",
    "A link guest holds a share link (and proved its password) but has no session: to every",
    "procedure but the link's own they are anonymous.",
    "",
    "| tRPC procedure | minimum role | who else may act / limits | link guest |",
    "|---|---|---|---|",
    ...Object.entries(authorizationMatrix)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, row]) => {
        const [role, also] = procedureCells(row);
        return `| \`${name}\` | ${role} | ${also} | ${guestCell(linkGuestOutcome(name, row))} |`;
      }),
    "",
    "The audio routes are route handlers, not procedures; they call the same access function",
    "(`requireBandAccess`, through `requireRouteBandAccess`), with the same answers.",
    "",
    "| audio route | minimum role | who else may act / limits |",
    "|---|---|---|",
    ...Object.entries(audioRoutes).map(([name, row]) => `| ${name}: \`${row.route}\` | ${roleName(row.minRole)} | ${row.also ?? "—"} |`),
    "",
    "Routes that act by a secret token in their URL, not by a session (a link guest's are decided",
    "by the same `decideCallerAccess` as a member's stream):",
    "",
    "| token route | who may act |",
    "|---|---|",
    ...Object.entries(tokenRoutes).map(([name, row]) => `| ${name}: \`${row.route}\` | ${row.why} |`),
    PERMISSIONS_END,
  ];
  return lines.join("\n");
}

/** `doc` with the section between the markers replaced by the current table. */
export function withPermissionsTable(doc: string): string {
  const start = doc.indexOf(PERMISSIONS_START);
  const end = doc.indexOf(PERMISSIONS_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`docs/security.md has no ${PERMISSIONS_START} ... ${PERMISSIONS_END} section to fill in.`);
  }
  return doc.slice(0, start) + permissionsTable() + doc.slice(end + PERMISSIONS_END.length);
}

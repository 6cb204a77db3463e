import type { ActivityType, BandRole } from "@/generated/prisma/enums";
import { roleLabel } from "@/lib/roles";

type Person = { id: string; name: string | null; email: string } | null;

export type ActivityItem = {
  type: ActivityType;
  actor: Person;
  targetUser: Person;
  targetEmail: string | null;
  fromRole: BandRole | null;
  toRole: BandRole | null;
  /** The song's or setlist's title when the event happened (take, comment and setlist events). */
  subject?: string | null;
};

/** A sentence about one band event, from the viewer's point of view ("You", names otherwise). */
export function describeActivity(item: ActivityItem, viewerId: string): string {
  const who = (p: Person, fallback: string) => (!p ? fallback : p.id === viewerId ? "you" : p.name?.trim() || p.email);
  const actor = capitalize(who(item.actor, "someone who has since left"));
  const target = who(item.targetUser, "a former member");
  const role = (r: BandRole | null) => (r ? roleLabel[r] : null);
  const asRole = item.toRole ? ` as ${article(roleLabel[item.toRole])}` : "";
  const song = item.subject ? `"${item.subject}"` : "a song";
  const setlist = item.subject ? `"${item.subject}"` : "(since deleted)";
  const invitee = item.targetEmail ?? (item.targetUser ? who(item.targetUser, "someone") : "someone");

  const sentences: Record<ActivityType, () => string> = {
    BAND_CREATED: () => `${actor} created the band`,
    BAND_RENAMED: () => `${actor} renamed the band`,
    MEMBER_JOINED: () => `${capitalize(target)} joined the band${asRole}`,
    MEMBER_ROLE_CHANGED: () =>
      role(item.fromRole) && role(item.toRole)
        ? `${actor} changed ${sameAs(item) ? "their own role" : target} from ${role(item.fromRole)} to ${role(item.toRole)}`
        : `${actor} changed ${target}'s role`,
    MEMBER_REMOVED: () => `${actor} removed ${target} from the band`,
    MEMBER_LEFT: () => `${capitalize(who(item.targetUser ?? item.actor, "a former member"))} left the band`,
    INVITE_CREATED: () => `${actor} invited ${invitee}${asRole}`,
    INVITE_RESENT: () => `${actor} sent the invite to ${invitee} again`,
    INVITE_REVOKED: () => `${actor} revoked the invite to ${invitee}`,
    INVITE_ACCEPTED: () => `${capitalize(who(item.targetUser ?? item.actor, invitee))} accepted the invite and joined${asRole}`,
    INVITE_DECLINED: () => `${capitalize(item.targetEmail ?? who(item.targetUser ?? item.actor, "someone"))} declined the invite`,
    JOIN_LINK_CREATED: () => `${actor} created a join link${item.toRole ? ` for ${plural(roleLabel[item.toRole])}` : ""}`,
    JOIN_LINK_REVOKED: () => `${actor} turned off a join link`,
    JOIN_LINK_USED: () => `${capitalize(who(item.targetUser ?? item.actor, "someone"))} joined with the band's link${asRole}`,
    TAKE_UPLOADED: () => `${actor} uploaded a take of ${song}`,
    BEST_TAKE_PICKED: () => `${actor} picked the best take of ${song}`,
    COMMENT_ADDED: () => `${actor} commented on a take of ${song}`,
    COMMENT_REPLIED: () => `${actor} replied to a comment on ${song}`,
    SETLIST_CREATED: () => `${actor} created the setlist ${setlist}`,
    SETLIST_CHANGED: () => `${actor} changed the setlist ${setlist}`,
    SHARE_CREATED: () => `${actor} shared ${item.subject ?? "a link"}`,
    GUEST_COMMENTED: () => `A guest commented on a take of ${song}`,
  };
  return sentences[item.type]();
}

function sameAs(item: ActivityItem): boolean {
  return !!item.actor && !!item.targetUser && item.actor.id === item.targetUser.id;
}

/** Capitalizes our own words ("you", "someone…") at the start of a sentence, never a person's name or email. */
function capitalize(s: string): string {
  return /^(you|someone|a former member)/.test(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function article(label: string): string {
  return `${/^[AEIOU]/.test(label) ? "an" : "a"} ${label.toLowerCase()}`;
}

function plural(label: string): string {
  return `${label.toLowerCase()}s`;
}

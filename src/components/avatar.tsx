import { avatarColour, initials } from "@/lib/person";

/**
 * A person's initials on a colour of their own (from their id). Decorative:
 * the name is always written beside it, so screen readers skip it.
 */
export function Avatar({ person, size = "md" }: { person: { id: string; name: string | null; email: string }; size?: "sm" | "md" }) {
  return (
    <span className={`avatar avatar-${size} avatar-c${avatarColour(person.id)}`} aria-hidden="true" data-testid="avatar">
      {initials(person)}
    </span>
  );
}

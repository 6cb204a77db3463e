"use client";

import { useId, useState } from "react";
import { Avatar } from "@/components/avatar";

type Member = { userId: string; name: string | null; displayName: string; part: string | null; isMe: boolean };

/**
 * A member's column header: the name wraps to two lines and is cut after
 * that; the full name (and part) shows on hover, on keyboard focus and on a
 * tap, and is always the button's accessible name. A `title` alone would
 * reach neither touch nor keyboard.
 */
export function MemberHead({ member }: { member: Member }) {
  const [focused, setFocused] = useState(false);
  const [hovered, setHovered] = useState(false);
  const id = useId();
  const open = focused || hovered;
  const full = member.part ? `${member.displayName}, ${member.part}` : member.displayName;
  return (
    <th scope="col" className="readiness-col" data-testid="readiness-member" onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
      <button
        type="button"
        className="readiness-head"
        data-testid="readiness-head"
        aria-expanded={open}
        aria-controls={id}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onClick={() => setFocused(true)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            setFocused(false);
            setHovered(false);
          }
        }}
      >
        <Avatar person={{ id: member.userId, name: member.name, email: member.displayName }} size="sm" />
        <span className="readiness-name">
          {member.isMe ? "You" : member.displayName}
        </span>
        {member.part ? <span className="small muted readiness-part">{member.part}</span> : null}
      </button>
      <span id={id} className="readiness-fullname" data-testid="readiness-fullname" hidden={!open}>
        {member.isMe ? `You: ${full}` : full}
      </span>
    </th>
  );
}

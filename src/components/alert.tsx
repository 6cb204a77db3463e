import type { HTMLAttributes, ReactNode } from "react";

export type AlertTone = "error" | "success" | "info" | "warning";

type Props = Omit<HTMLAttributes<HTMLElement>, "role"> & {
  tone: AlertTone;
  /** The element it renders: a block of its own (div), a sentence (p) or a list entry (li). */
  as?: "div" | "p" | "li";
  /**
   * How a screen reader hears it appear: an error interrupts (`alert`), anything
   * else waits its turn (`status`). `false` for a notice that is part of the page
   * from the start, or that sits inside a live region of its own.
   */
  announce?: "alert" | "status" | false;
  children: ReactNode;
};

/** A coloured notice: an error, a confirmation, a hint or a warning. */
export function Alert({ tone, as: Tag = "div", announce = tone === "error" ? "alert" : "status", className, children, ...rest }: Props) {
  return (
    <Tag {...rest} className={className ? `alert alert-${tone} ${className}` : `alert alert-${tone}`} role={announce || undefined}>
      {children}
    </Tag>
  );
}

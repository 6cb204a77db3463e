"use client";

import { forwardRef, useId, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from "react";
import { mentionQueryAt, mentionSuggestions, type Mentionable } from "../mention.rules";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange"> & {
  value: string;
  onValueChange: (value: string) => void;
  members: readonly Mentionable[];
};

/**
 * A textarea that offers band members when "@" is typed: a listbox the
 * arrows move through (aria-activedescendant, focus stays in the text),
 * Enter or Tab inserts "@Name " and closes it, Escape closes it; it opens
 * again only for a newly typed "@".
 */
export const MentionTextarea = forwardRef<HTMLTextAreaElement, Props>(function MentionTextarea({ value, onValueChange, members, onKeyDown, ...rest }, ref) {
  const inner = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => inner.current!);
  // After a mention is chosen the caret goes behind it as soon as the new value is on
  // screen, before the next key is handled (a frame later, keys typed meanwhile would
  // land after the caret's new place and come out of order).
  const pendingCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const pos = pendingCaret.current;
    if (pos == null || !inner.current) return;
    pendingCaret.current = null;
    inner.current.setSelectionRange(pos, pos);
  });
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const query = mentionQueryAt(value, caret);
  const options = query && dismissedAt !== query.start ? mentionSuggestions(members, query.query) : [];
  const open = options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;

  const choose = (m: Mentionable) => {
    if (!query) return;
    const next = `${value.slice(0, query.start)}@${m.name} ${value.slice(caret)}`;
    const pos = query.start + m.name.length + 2;
    onValueChange(next);
    setCaret(pos);
    setActive(0);
    // "@Name " still reads as a query for that name: the list stays shut until a new "@".
    setDismissedAt(query.start);
    pendingCaret.current = pos;
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive((activeIndex + step + options.length) % options.length);
        return;
      }
      if ((e.key === "Enter" && !e.metaKey && !e.ctrlKey) || e.key === "Tab") {
        e.preventDefault();
        choose(options[activeIndex]!);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setDismissedAt(query!.start);
        return;
      }
    }
    onKeyDown?.(e);
  };

  return (
    <div className="mention-field">
      <textarea
        ref={inner}
        {...rest}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        onChange={(e) => {
          // A newly typed (or pasted) "@" asks again, even where a list was closed before.
          if (count(e.target.value, "@") > count(value, "@")) setDismissedAt(null);
          onValueChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={keyDown}
      />
      {open ? (
        <ul id={listId} role="listbox" className="mention-list" aria-label="Mention a band member">
          {options.map((m, i) => (
            <li
              key={m.userId}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? "is-active" : undefined}
              // mousedown, not click: the textarea keeps its focus and caret.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(m);
              }}
            >
              @{m.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});

const count = (text: string, char: string) => text.split(char).length - 1;

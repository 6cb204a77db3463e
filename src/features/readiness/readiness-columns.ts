/** The grid's member columns: mine first (it is the one I change), then everyone else in the order they joined. */
export function readinessColumns<T extends { isMe: boolean }>(members: readonly T[]): T[] {
  return [...members.filter((m) => m.isMe), ...members.filter((m) => !m.isMe)];
}

/** Whether some of a scrolled box's content is out of sight to its right (a pixel of rounding is not "more"). */
export function moreToTheRight({ scrollLeft, clientWidth, scrollWidth }: { scrollLeft: number; clientWidth: number; scrollWidth: number }): boolean {
  return scrollWidth - clientWidth - Math.abs(scrollLeft) > 1;
}

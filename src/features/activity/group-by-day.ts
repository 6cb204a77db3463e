/** A calendar day in the viewer's own time zone, as a sortable key. */
function dayKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export type DayGroup<T> = { key: string; label: string; items: T[] };

/**
 * Newest-first events in runs of one calendar day (local time), labelled
 * "Today", "Yesterday" or the date ("Monday 30 November", with the year when
 * it is not this year's).
 */
export function groupByDay<T extends { createdAt: Date }>(items: T[], now: Date, locale = "en-GB"): DayGroup<T>[] {
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const key = dayKey(item.createdAt);
    let group = groups.at(-1);
    if (!group || group.key !== key) {
      const label =
        key === today
          ? "Today"
          : key === yesterday
            ? "Yesterday"
            : dateLabel(item.createdAt, now, locale);
      group = { key, label, items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

/** Built from parts: engines join weekday and date differently ("Monday, 30 November" vs "Monday 30 November"). */
function dateLabel(d: Date, now: Date, locale: string): string {
  const weekday = d.toLocaleDateString(locale, { weekday: "long" });
  const month = d.toLocaleDateString(locale, { month: "long" });
  const year = d.getFullYear() !== now.getFullYear() ? ` ${d.getFullYear()}` : "";
  return `${weekday} ${d.getDate()} ${month}${year}`;
}

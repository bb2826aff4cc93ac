// Calendar days in a user's timezone. Instants become local dates through Intl.DateTimeFormat (which knows
// every IANA zone's DST rules); day arithmetic then happens on plain `YYYY-MM-DD` strings, so a 23- or
// 25-hour DST day is still exactly one day.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `timezone` is an IANA zone this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD; an unknown zone (a corrupt setting) falls back to UTC rather than failing stats.
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone: isValidTimezone(timezone) ? timezone : "UTC",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The calendar date (`YYYY-MM-DD`) that `instant` falls on in `timezone`. */
export function localDate(instant: Date, timezone: string): string {
  const parts = formatterFor(timezone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function toUtcNoon(date: string): number {
  return Date.parse(`${date}T12:00:00Z`);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(toUtcNoon(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcNoon(to) - toUtcNoon(from)) / 86_400_000);
}

/** The Monday of the ISO week that contains `date`. */
export function weekStart(date: string): string {
  const weekday = new Date(toUtcNoon(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export interface Streak {
  /** consecutive active days ending today, or ending yesterday when today has no activity yet */
  current: number;
  longest: number;
  /** true when today already counts */
  activeToday: boolean;
  lastActiveDate: string | null;
}

/** Streaks over a set of active local dates (any order, duplicates allowed), as of local `today`. */
export function computeStreak(activeDates: Iterable<string>, today: string): Streak {
  const days = [...new Set(activeDates)].filter((d) => d <= today).sort();
  let longest = 0;
  let run = 0;
  let previous: string | null = null;
  for (const day of days) {
    run = previous !== null && daysBetween(previous, day) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  const last = days.at(-1) ?? null;
  const alive = last !== null && daysBetween(last, today) <= 1;
  return { current: alive ? run : 0, longest, activeToday: last === today, lastActiveDate: last };
}

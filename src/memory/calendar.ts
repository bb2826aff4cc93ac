// The user's calendar: wall-clock dates in an IANA timezone, the instant a local day begins (DST included),
// and date arithmetic on plain dates. Weeks start on Monday (ISO 8601).

export interface PlainDate {
  y: number;
  m: number; // 1..12
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a timezone. */
function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** `yyyy-mm-dd` of an instant on the user's calendar. */
export function localDate(instant: Date, timeZone: string): string {
  const { y, m, d } = wallClock(instant, timeZone);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The date of an instant on the user's calendar. */
export function calendarDate(now: Date, timeZone: string): PlainDate {
  const { y, m, d } = wallClock(now, timeZone);
  return { y, m, d };
}

/** The instant at which `date` begins (00:00) in `timeZone`, DST included. */
export function startOfDay(date: PlainDate, timeZone: string): Date {
  const guess = Date.UTC(date.y, date.m - 1, date.d);
  const offsetAt = (t: number) => {
    const w = wallClock(new Date(t), timeZone);
    return Date.UTC(w.y, w.m - 1, w.d, w.hour, w.minute, w.second) - t;
  };
  let instant = guess - offsetAt(guess);
  // the offset at the guess can differ from the offset at the answer across a DST change
  const corrected = guess - offsetAt(instant);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

export function addDays(date: PlainDate, days: number): PlainDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function weekday(date: PlainDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

export function mondayOf(date: PlainDate): PlainDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

export function compare(a: PlainDate, b: PlainDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function validDate(y: number, m: number, d: number): PlainDate | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? { y, m, d } : undefined;
}

export function monthStart(y: number, m: number): PlainDate {
  const t = new Date(Date.UTC(y, m - 1, 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: 1 };
}

// Formatting shared by the pages. Pure functions: unit-tested in node.

/** "3 days", "1 problem": the count with the right noun form. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** 0.8734 → "87%"; undefined → "—". */
export function percent(fraction: number | null | undefined, digits = 0): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return "—";
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Seconds as a countdown clock: 3725 → "1:02:05", 65 → "01:05"; never negative. */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(sec).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A distance in time for humans: "in 3 days", "in 2 h 5 min", "5 min ago", "now". */
export function relative(target: Date | string, now: Date | number = Date.now()): string {
  const t = typeof target === "string" ? new Date(target).getTime() : target.getTime();
  const n = typeof now === "number" ? now : now.getTime();
  const diff = t - n;
  const abs = Math.abs(diff);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  let text: string;
  if (abs < minute) return "now";
  if (abs < hour) text = `${Math.round(abs / minute)} min`;
  else if (abs < day) {
    const h = Math.floor(abs / hour);
    const m = Math.round((abs % hour) / minute);
    text = m > 0 && h < 10 ? `${h} h ${m} min` : `${h} h`;
  } else text = plural(Math.round(abs / day), "day");
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

/** Countdown parts to a moment, for the next-interview card. */
export function countdownParts(
  target: Date | string,
  now: number = Date.now(),
): { days: number; hours: number; minutes: number; past: boolean } {
  const diff = new Date(target).getTime() - now;
  const abs = Math.max(0, diff);
  return {
    days: Math.floor(abs / 86_400_000),
    hours: Math.floor((abs % 86_400_000) / 3_600_000),
    minutes: Math.floor((abs % 3_600_000) / 60_000),
    past: diff <= 0,
  };
}

export function formatDate(value: string | Date | null | undefined, timeZone?: string): string {
  if (!value) return "—";
  const d =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleDateString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: typeof value === "string" && value.length === 10 ? "UTC" : timeZone,
  });
}

export function formatDateTime(value: string | Date | null | undefined, timeZone?: string): string {
  if (!value) return "—";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  });
}

/** "two-pointers" / "dynamic_programming" → "Two Pointers" / "Dynamic Programming" when no name is given. */
export function titleCase(id: string): string {
  return id
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" ");
}

/** A value for <input type="datetime-local"> from an ISO instant, in the browser's zone. */
export function toLocalInput(value: string | Date): string {
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "reviewCards" / "review_logs" → "review cards" / "review logs": a key as words. */
export function keyWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
}

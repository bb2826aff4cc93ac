// Time words in a question ("yesterday", "last week", "in March", "since 2026-11-02", "between Nov 3 and
// Nov 9", "Sep 5-7", "last weekend", "since the start of November") → a half-open range [from, to) of
// instants, computed on the user's calendar (their IANA timezone) from an injected "now". Weeks start on
// Monday (ISO 8601).

import {
  addDays,
  calendarDate,
  compare,
  mondayOf,
  monthStart,
  type PlainDate,
  startOfDay,
  validDate,
  weekday,
} from "./calendar.js";

// where callers have always found them
export { localDate, startOfDay } from "./calendar.js";

export interface TimeRange {
  from: Date;
  to: Date;
  /** the words that named the range, as written */
  matched: string;
  /** the question with those words removed */
  rest: string;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
  "a couple of": 2,
  few: 3,
  "a few": 3,
};

const MONTH_RE =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3).toLowerCase())) + 1;

/** A date written as ISO (2026-11-20), "Nov 20[, 2026]", "20 Nov[ 2026]" or "11/20[/2026]" (US order). */
const DATE_RE = `(\\d{4}-\\d{2}-\\d{2}|${MONTH_RE}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?|(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_RE}(?:,? (\\d{4}))?|\\d{1,2}/\\d{1,2}(?:/\\d{4})?)`;

const MONTH_DAY = new RegExp(`^${MONTH_RE}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?$`);
const DAY_MONTH = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_RE}(?:,? (\\d{4}))?$`);

/** year?, month, day of one DATE_RE match */
function dateFields(t: string): [number | undefined, number, number] | PlainDate | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthDay = MONTH_DAY.exec(t);
  if (monthDay) return [monthDay[3] ? Number(monthDay[3]) : undefined, monthIndex(monthDay[1]), Number(monthDay[2])];
  const dayMonth = DAY_MONTH.exec(t);
  if (dayMonth) return [dayMonth[3] ? Number(dayMonth[3]) : undefined, monthIndex(dayMonth[2]), Number(dayMonth[1])];
  const us = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(t);
  if (us) return [us[3] ? Number(us[3]) : undefined, Number(us[1]), Number(us[2])];
  return undefined;
}

/** Parses one DATE_RE match; a date without a year is the latest such date not after today. */
function parseDate(text: string, now: PlainDate): PlainDate | undefined {
  const fields = dateFields(text.toLowerCase().trim());
  if (!fields || !Array.isArray(fields)) return fields;
  const [y, m, d] = fields;
  if (y !== undefined) return validDate(y, m, d);
  const thisYear = validDate(now.y, m, d);
  if (thisYear && compare(thisYear, now) <= 0) return thisYear;
  return validDate(now.y - 1, m, d);
}

function count(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? Number.NaN);
}

interface Rule {
  pattern: RegExp;
  range(match: RegExpExecArray, now: PlainDate, nowInstant: Date): [PlainDate | Date, PlainDate | Date] | undefined;
}

const COUNT_RE = "(\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few)";

/** "Sep 5-7", "Sep 28 – Oct 2", "September 5 to 7, 2026": month, day, [month], day, [year] */
const DAY_RANGE_RE = `${MONTH_RE}\\.? (\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|—|to|through|until)\\s*(?:${MONTH_RE}\\.? )?(\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`;

/** The Saturday-to-Monday span of the weekend of the Monday-to-Sunday week holding `date`. */
function weekendOf(date: PlainDate): [PlainDate, PlainDate] {
  const saturday = addDays(mondayOf(date), 5);
  return [saturday, addDays(saturday, 2)];
}

/** `month` of `now`'s year, or of the year before when it has not begun yet ("in December" asked in March). */
function latestMonth(name: string, year: string | undefined, now: PlainDate): PlainDate {
  const month = monthIndex(name);
  return monthStart(year ? Number(year) : month <= now.m ? now.y : now.y - 1, month);
}

// Order matters: longer, more specific phrases first.
const RULES: Rule[] = [
  {
    // "over the long weekend (Sep 5-7)", "Sep 5-7", "from Sep 28 to Oct 2": every day of the range
    pattern: new RegExp(
      `(?:\\b(?:over|during|on|in|for|from) )?(?:the (?:long |holiday |three-day )?weekend,? )?(?:of )?\\(?\\b${DAY_RANGE_RE}\\)?`,
      "i",
    ),
    range: (m, now) => {
      const first = parseDate(`${m[1]} ${m[2]}${m[5] ? `, ${m[5]}` : ""}`, now);
      if (!first) return undefined;
      const lastMonth = m[3] ? monthIndex(m[3]) : first.m;
      const last = validDate(lastMonth < first.m ? first.y + 1 : first.y, lastMonth, Number(m[4]));
      if (!last || compare(last, first) < 0) return undefined;
      return [first, addDays(last, 1)];
    },
  },
  {
    pattern: new RegExp(`\\b(?:over |during |on )?the weekend of ${DATE_RE}`, "i"),
    range: (m, now) => {
      const date = parseDate(m[1], now);
      return date ? weekendOf(date) : undefined;
    },
  },
  {
    // weekends end on Sunday night: "last weekend" asked on Tuesday is the one just gone
    pattern: /\b(?:over |during |on )?(this|last|past|previous) weekend\b/i,
    range: (m, now) => weekendOf(addDays(now, m[1].toLowerCase() === "this" ? 0 : -7)),
  },
  {
    // "over the weekend": the weekend under way, or the latest one
    pattern: /\b(?:over|during|on|at) the weekend\b/i,
    range: (_m, now) => weekendOf(weekday(now) === 0 || weekday(now) === 6 ? now : addDays(now, -7)),
  },
  {
    pattern: new RegExp(`\\b(?:since|from) (?:the (?:start|beginning) of |early )${MONTH_RE}(?: (\\d{4}))?\\b`, "i"),
    range: (m, now, instant) => [latestMonth(m[1], m[2], now), instant],
  },
  {
    pattern: /\b(?:since|from) the (?:start|beginning) of (?:the |this )?(week|month|year)\b/i,
    range: (m, now, instant) => {
      const unit = m[1].toLowerCase();
      if (unit === "week") return [mondayOf(now), instant];
      return [unit === "month" ? monthStart(now.y, now.m) : { y: now.y, m: 1, d: 1 }, instant];
    },
  },
  {
    pattern: /\bsince (last|this) (week|month)\b/i,
    range: (m, now, instant) => {
      const back = m[1].toLowerCase() === "this" ? 0 : 1;
      if (m[2].toLowerCase() === "week") return [addDays(mondayOf(now), -7 * back), instant];
      return [monthStart(now.y, now.m - back), instant];
    },
  },
  {
    // "early October" = 1-10, "mid-October" = 11-20, "late October" = 21-end
    pattern: new RegExp(`\\b(?:in )?(early|mid|late)[- ]${MONTH_RE}(?: (\\d{4}))?\\b`, "i"),
    range: (m, now) => {
      const first = latestMonth(m[2], m[3], now);
      const part = m[1].toLowerCase();
      if (part === "early") return [first, addDays(first, 10)];
      if (part === "mid") return [addDays(first, 10), addDays(first, 20)];
      return [addDays(first, 20), monthStart(first.y, first.m + 1)];
    },
  },
  {
    pattern: new RegExp(`\\bsince ${MONTH_RE}(?: (\\d{4}))?\\b`, "i"),
    range: (m, now, instant) => [latestMonth(m[1], m[2], now), instant],
  },
  {
    pattern: new RegExp(`\\bbetween ${DATE_RE} and ${DATE_RE}`, "i"),
    range: (m, now) => {
      const parts = m[0].replace(/^between /i, "").split(/ and /i);
      const a = parseDate(parts[0], now);
      const b = parseDate(parts.slice(1).join(" and "), now);
      if (!a || !b) return undefined;
      const [first, last] = compare(a, b) <= 0 ? [a, b] : [b, a];
      return [first, addDays(last, 1)];
    },
  },
  {
    pattern: new RegExp(`\\b(?:during |in )?the week of ${DATE_RE}`, "i"),
    range: (m, now) => {
      const date = parseDate(m[1], now);
      if (!date) return undefined;
      const monday = mondayOf(date);
      return [monday, addDays(monday, 7)];
    },
  },
  {
    pattern: new RegExp(`\\bsince ${DATE_RE}`, "i"),
    range: (m, now, instant) => {
      const date = parseDate(m[1], now);
      return date ? [date, instant] : undefined;
    },
  },
  {
    pattern: new RegExp(`\\b(?:since|after) (${WEEKDAYS.join("|")})`, "i"),
    range: (m, now, instant) => [lastWeekday(now, m[1]), instant],
  },
  {
    pattern: new RegExp(`\\bbefore ${DATE_RE}`, "i"),
    range: (m, now) => {
      const date = parseDate(m[1], now);
      return date ? [new Date(0), date] : undefined;
    },
  },
  {
    pattern: new RegExp(`\\bon ${DATE_RE}`, "i"),
    range: (m, now) => {
      const date = parseDate(m[1], now);
      return date ? [date, addDays(date, 1)] : undefined;
    },
  },
  { pattern: /\bsince yesterday\b/i, range: (_m, now, instant) => [addDays(now, -1), instant] },
  { pattern: /\b(?:the )?day before yesterday\b/i, range: (_m, now) => [addDays(now, -2), addDays(now, -1)] },
  { pattern: /\byesterday\b/i, range: (_m, now) => [addDays(now, -1), now] },
  {
    pattern: /\b(?:today|this morning|this afternoon|this evening|tonight)\b/i,
    range: (_m, now) => [now, addDays(now, 1)],
  },
  {
    pattern: new RegExp(`\\b${COUNT_RE} (day|week|month)s? ago\\b`, "i"),
    range: (m, now) => {
      const n = count(m[1]);
      if (!Number.isFinite(n)) return undefined;
      const unit = m[2].toLowerCase();
      if (unit === "day") return [addDays(now, -n), addDays(now, -n + 1)];
      if (unit === "week") {
        const monday = addDays(mondayOf(now), -7 * n);
        return [monday, addDays(monday, 7)];
      }
      const first = monthStart(now.y, now.m - n);
      return [first, monthStart(first.y, first.m + 1)];
    },
  },
  {
    pattern: new RegExp(`\\b(?:in |over |during )?the (?:last|past) ${COUNT_RE} (day|week|month)s?\\b`, "i"),
    range: (m, now, instant) => {
      const n = count(m[1]);
      if (!Number.isFinite(n)) return undefined;
      const unit = m[2].toLowerCase();
      const days = unit === "day" ? n : unit === "week" ? 7 * n : 30 * n;
      return [addDays(now, -days + 1), instant];
    },
  },
  {
    pattern: /\b(?:in |over |during )?the (?:past|last) (day|week|month|year)\b/i,
    range: (m, now, instant) => {
      const days = { day: 1, week: 7, month: 30, year: 365 }[m[1].toLowerCase() as "day"];
      return [addDays(now, -days + 1), instant];
    },
  },
  {
    pattern: /\b(this|last|previous) (week|month|year)\b/i,
    range: (m, now) => {
      const back = m[1].toLowerCase() === "this" ? 0 : 1;
      const unit = m[2].toLowerCase();
      if (unit === "week") {
        const monday = addDays(mondayOf(now), -7 * back);
        return [monday, addDays(monday, 7)];
      }
      if (unit === "month") {
        const first = monthStart(now.y, now.m - back);
        return [first, monthStart(first.y, first.m + 1)];
      }
      return [
        { y: now.y - back, m: 1, d: 1 },
        { y: now.y - back + 1, m: 1, d: 1 },
      ];
    },
  },
  {
    pattern: new RegExp(`\\b(?:on |last )?(${WEEKDAYS.join("|")})\\b`, "i"),
    range: (m, now) => {
      const day = lastWeekday(now, m[1]);
      return [day, addDays(day, 1)];
    },
  },
  {
    pattern: new RegExp(`\\b(?:in|during|from|of) ${MONTH_RE}(?: (\\d{4}))?\\b`, "i"),
    range: (m, now) => {
      const first = latestMonth(m[1], m[2], now);
      return [first, monthStart(first.y, first.m + 1)];
    },
  },
];

/** The most recent such weekday strictly before today ("on Monday" asked on a Monday means last week's). */
function lastWeekday(now: PlainDate, name: string): PlainDate {
  const target = WEEKDAYS.indexOf(name.toLowerCase());
  const back = (weekday(now) - target + 7) % 7 || 7;
  return addDays(now, -back);
}

/**
 * Finds the first time expression in `question` and returns its range in `timeZone`, or undefined when the
 * question names no time (or names an impossible date).
 */
export function parseTimeExpression(question: string, now: Date, timeZone: string): TimeRange | undefined {
  const current = calendarDate(now, timeZone);
  for (const rule of RULES) {
    const match = rule.pattern.exec(question);
    if (!match) continue;
    const range = rule.range(match, current, now);
    if (!range) continue;
    const [from, to] = range.map((p) => (p instanceof Date ? p : startOfDay(p, timeZone)));
    const rest = (question.slice(0, match.index) + " " + question.slice(match.index + match[0].length))
      .replace(/\s+/g, " ")
      .trim();
    return { from, to, matched: match[0], rest };
  }
  return undefined;
}

/**
 * The dates a text names ("booked for Nov 12", "on 2026-10-15"), a date without a year taken as the one
 * nearest to `written` (a plan names a date ahead, a recap one behind).
 */
export function datesMentioned(text: string, written: PlainDate): PlainDate[] {
  const found: PlainDate[] = [];
  for (const match of text.matchAll(new RegExp(`\\b${DATE_RE}`, "gi"))) {
    // "0/1 knapsack", "3/4 of the tests": numeric dates in free text are mostly fractions
    if (match[1].includes("/")) continue;
    const fields = dateFields(match[1].toLowerCase());
    if (!fields) continue;
    if (!Array.isArray(fields)) {
      found.push(fields);
      continue;
    }
    const [y, m, d] = fields;
    const options = (y !== undefined ? [y] : [written.y - 1, written.y, written.y + 1])
      .map((year) => validDate(year, m, d))
      .filter((date): date is PlainDate => date !== undefined);
    const distance = (date: PlainDate) =>
      Math.abs(Date.UTC(date.y, date.m - 1, date.d) - Date.UTC(written.y, written.m - 1, written.d));
    const nearest = options.sort((a, b) => distance(a) - distance(b))[0];
    if (nearest) found.push(nearest);
  }
  return found;
}

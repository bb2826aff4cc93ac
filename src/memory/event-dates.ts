// Periods bounded by an event the user wrote about: "before my phone screen", "since the onsite". The
// event's day comes from the memories that mention it — a date they name ("phone screen booked for
// Oct 15"), a "tomorrow"/"today" relative to when they were written, or the day a memory reports it done.
import { addDays, calendarDate, compare, type PlainDate, startOfDay } from "./calendar.js";
import { datesMentioned } from "./time-expressions.js";

export type EventRelation = "before" | "after" | "since";

export interface EventReference {
  relation: EventRelation;
  /** "the week before my onsite": how many days the span lasts (else it runs to the start of time, or now) */
  days?: number;
  /** the event as written: "phone screen", "Stripe onsite" */
  event: string;
  matched: string;
  /** the question without the reference */
  rest: string;
}

export interface EventMention {
  text: string;
  createdAt: Date;
}

const RELATIONS: Record<string, EventRelation> = {
  before: "before",
  until: "before",
  till: "before",
  "prior to": "before",
  "ahead of": "before",
  "leading up to": "before",
  "in the run-up to": "before",
  after: "after",
  since: "since",
};

const SPAN_DAYS: Record<string, number> = { day: 1, week: 7, month: 30 };
const SPAN_COUNT: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

// "before my phone screen", "since the Stripe onsite", "the week before the onsite", "in the 3 days after my
// trip": up to four words after my/the/our, ending at punctuation, the end, or a word that starts a clause.
const EVENT_RE = new RegExp(
  `(?:\\b(?:in |during |over )?the (?:(\\d+|${Object.keys(SPAN_COUNT).join("|")}) )?(day|week|month)s? )?` +
    `\\b(${Object.keys(RELATIONS).join("|")}) (?:my|the|our) ((?:[a-z0-9][\\w'-]* ?){1,4}?)(?=\\s*(?:[?.!,;:)]|$|\\b(?:and|but|or|what|when|where|how|did|do|was|were|i|to|for|in|on|with)\\b))`,
  "i",
);

/**
 * What an event is called: the phrase must end in one of these, so "after the first hint" or "since the
 * start of the loop" are not read as events. Interview milestones first, then life events that break a plan.
 */
const EVENT_NOUNS = new Set(
  (
    "interview interviews screen screening onsite on-site loop loops round rounds call chat oa assessment " +
    "mock mocks exam exams contest hackathon offer deadline debrief presentation demo talk conference " +
    "meeting appointment trip vacation holiday holidays break move wedding surgery internship bootcamp launch"
  ).split(" "),
);

/** Finds "before/after/since my <event>" in a question. */
export function parseEventReference(question: string): EventReference | undefined {
  const match = EVENT_RE.exec(question);
  if (!match) return undefined;
  const [, count, unit, relation, phrase] = match;
  const event = phrase.trim();
  const head = event.toLowerCase().split(/\s+/).at(-1) ?? "";
  if (!EVENT_NOUNS.has(head)) return undefined;
  const rest = `${question.slice(0, match.index)} ${question.slice(match.index + match[0].length)}`
    .replace(/\s+/g, " ")
    .trim();
  const days = unit
    ? SPAN_DAYS[unit.toLowerCase()] * (count ? (SPAN_COUNT[count.toLowerCase()] ?? Number(count)) : 1)
    : undefined;
  return {
    relation: RELATIONS[relation.toLowerCase()],
    ...(days ? { days } : {}),
    event,
    matched: match[0].trim(),
    rest,
  };
}

const RELATIVE_DAY: [RegExp, number][] = [
  [/\btomorrow\b/i, 1],
  [/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/i, 0],
  [/\byesterday\b/i, -1],
];
const REPORTED_DONE =
  /\b(?:done|had|did|finished|went|passed|failed|nailed|bombed|debrief|recap|just (?:had|did|finished))\b/i;

/**
 * The event's day on the user's calendar: the date named by the latest mention that names one (plans get
 * rescheduled), else the earliest mention saying "today"/"tomorrow"/"yesterday", else the earliest mention
 * reporting it done; undefined when no mention dates it.
 */
export function eventDay(mentions: EventMention[], timeZone: string): PlainDate | undefined {
  const byTime = [...mentions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const written = (m: EventMention) => calendarDate(m.createdAt, timeZone);
  for (const mention of [...byTime].reverse()) {
    const named = datesMentioned(mention.text, written(mention));
    if (named.length > 0) return named[0];
  }
  for (const mention of byTime) {
    const relative = RELATIVE_DAY.find(([pattern]) => pattern.test(mention.text));
    if (relative) return addDays(written(mention), relative[1]);
  }
  const done = byTime.find((m) => REPORTED_DONE.test(m.text));
  return done ? written(done) : undefined;
}

/**
 * The half-open span a relation to the event's day means: before it, from it on, or from the day after;
 * `days` long when given ("the week before"), else to the start of time or to now.
 */
export function eventRange(
  relation: EventRelation,
  day: PlainDate,
  now: Date,
  timeZone: string,
  days?: number,
): { from?: Date; to?: Date } {
  if (relation === "before") {
    const to = startOfDay(day, timeZone);
    return days ? { from: startOfDay(addDays(day, -days), timeZone), to } : { to };
  }
  const first = relation === "since" ? day : addDays(day, 1);
  const from = startOfDay(first, timeZone);
  // an event still ahead: nothing can have happened after it yet, so the span is empty rather than reversed
  if (compare(day, calendarDate(now, timeZone)) > 0) return { from, to: from };
  const end = days ? startOfDay(addDays(first, days), timeZone) : now;
  return { from, to: end < now ? end : now };
}

// Closed sets of values the whole platform shares. Arrays drive zod enums and the database's text columns.
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const OUTCOMES = ["solved", "failed", "gave_up"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** FSRS ratings as ts-fsrs numbers them. */
export const RATINGS = { again: 1, hard: 2, good: 3, easy: 4 } as const;
export type RatingName = keyof typeof RATINGS;

/** The 18 topics of the NeetCode-style roadmap (src/database/seed-data/roadmap-neetcode.json). */
export const TOPIC_IDS = [
  "arrays",
  "two_pointers",
  "stack",
  "binary_search",
  "sliding_window",
  "linked_list",
  "trees",
  "tries",
  "backtracking",
  "heap",
  "graphs",
  "dp_1d",
  "intervals",
  "greedy",
  "adv_graphs",
  "dp_2d",
  "bit_manip",
  "math",
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export const MEMORY_KINDS = ["message", "note", "fact", "answer", "summary"] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

export const INTERVIEW_MODES = ["coding", "system_design", "behavioral"] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

export const REMINDER_KINDS = ["24h", "1h", "5m"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const PLATFORMS = ["leetcode", "github"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ATTEMPT_SOURCES = ["manual", "leetcode", "import", "interview"] as const;
export type AttemptSource = (typeof ATTEMPT_SOURCES)[number];

// The mock-interview and schedule use cases' shared input limits, written once for the REST routes
// (src/api/routes/interviews.ts, schedule.ts) and the tools (start_mock_interview, submit_interview_code,
// schedule_interview). The two used to disagree: the tool allowed 180 minutes and 100-character company
// and role names, the route 240 / 60 / 80.
import { z } from "zod";
import { DIFFICULTIES, INTERVIEW_MODES } from "../../config/constants.js";
import { recordId, recordIdParam } from "../../config/input-limits.js";
import { pageOf, pageRequest } from "../shared/pagination.js";
import { slugSchema } from "../tracking/contract.js";

/** Code a candidate submits; larger is a paste accident, and the runner's stdin has to carry it. */
export const MAX_CODE_BYTES = 64 * 1024;
/** A system-design or behavioural answer. */
export const MAX_TEXT_CHARS = 20_000;
export const MIN_INTERVIEW_MINUTES = 5;
/** Four hours: the longest on-site loop block. */
export const MAX_INTERVIEW_MINUTES = 240;
export const MAX_COMPANY_CHARS = 60;
export const MAX_ROLE_CHARS = 80;
export const MAX_TOPIC_CHARS = 60;
/** Half a year of weekly mocks; a longer series is better planned again. */
export const MAX_SERIES_WEEKS = 26;
/** A runner language's name or alias (`js`, `typescript`); the longest is 10 characters. */
export const MAX_LANGUAGE_NAME_CHARS = 20;
/** Custom inputs of one run: enough to probe edge cases, few enough to keep a run short. */
export const MAX_CUSTOM_INPUTS = 10;
/** The question bank's free-text search. */
export const MAX_QUESTION_QUERY_CHARS = 100;
export const SESSION_STATUSES = ["active", "finished", "expired"] as const;

export const interviewModeSchema = z.enum(INTERVIEW_MODES);
export const companySchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(MAX_COMPANY_CHARS, `is too long (at most ${MAX_COMPANY_CHARS} characters)`);
export const roleSchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(MAX_ROLE_CHARS, `is too long (at most ${MAX_ROLE_CHARS} characters)`);
export const interviewTopicSchema = z
  .string()
  .trim()
  .max(MAX_TOPIC_CHARS, `is too long (at most ${MAX_TOPIC_CHARS} characters)`)
  .describe("topic id, e.g. graphs");
export const durationMinutesSchema = z
  .number()
  .int("must be a whole number of minutes")
  .min(MIN_INTERVIEW_MINUTES, `is at least ${MIN_INTERVIEW_MINUTES} minutes`)
  .max(MAX_INTERVIEW_MINUTES, `is at most ${MAX_INTERVIEW_MINUTES} minutes`);
export const seriesWeeksSchema = z
  .number()
  .int()
  .min(1)
  .max(MAX_SERIES_WEEKS, `is at most ${MAX_SERIES_WEEKS} weeks`)
  .describe("weekly occurrences; 1 = one-off");
export const codeSchema = z
  .string()
  .min(1, "is empty")
  .max(MAX_CODE_BYTES, `is longer than ${MAX_CODE_BYTES} characters`);
export const runLanguageSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(MAX_LANGUAGE_NAME_CHARS, `is too long (at most ${MAX_LANGUAGE_NAME_CHARS} characters)`)
  .describe("javascript (js), typescript (ts), python (py), java or cpp");
export const textAnswerSchema = z
  .string()
  .min(1, "is empty")
  .max(MAX_TEXT_CHARS, `is longer than ${MAX_TEXT_CHARS} characters`);
export const customInputsSchema = z
  .array(z.array(z.unknown()))
  .min(1, "give at least one input")
  .max(MAX_CUSTOM_INPUTS, `at most ${MAX_CUSTOM_INPUTS} inputs`)
  .describe("each input is the array of the function's arguments");

/** start_mock_interview's arguments; POST /api/interviews/sessions adds `scheduledInterviewId`. */
export const startInterviewInput = z
  .object({
    mode: interviewModeSchema,
    question: slugSchema.optional().describe("a question slug from the bank; random if omitted"),
    company: companySchema.optional(),
    role: roleSchema.optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    topic: interviewTopicSchema.optional(),
    durationMinutes: durationMinutesSchema.optional(),
  })
  .strict();

export const questionsInput = z
  .object({
    mode: interviewModeSchema.optional(),
    topic: interviewTopicSchema.optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    company: companySchema.optional(),
    q: z
      .string()
      .trim()
      .max(MAX_QUESTION_QUERY_CHARS, `is too long (at most ${MAX_QUESTION_QUERY_CHARS} characters)`)
      .optional(),
    ...pageRequest,
  })
  .strict();
export const questionSlugInput = z.object({ slug: slugSchema }).strict();
export const sessionIdInput = z.object({ id: recordIdParam }).strict();

/** POST /api/interviews/sessions: start_mock_interview's arguments and the scheduled interview it fulfils. */
export const startSessionInput = startInterviewInput.extend({ scheduledInterviewId: recordId.optional() }).strict();
export const listSessionsInput = z
  .object({ mode: interviewModeSchema.optional(), status: z.enum(SESSION_STATUSES).optional(), ...pageRequest })
  .strict();
/** submit_interview_code's arguments; POST /api/interviews/sessions/:id/submissions takes the id in the path. */
export const submitCodeInput = z
  .object({ sessionId: recordId, language: runLanguageSchema, code: codeSchema })
  .strict();
export const codeInput = z.object({ language: runLanguageSchema, code: codeSchema }).strict();
export const customRunInput = z
  .object({ language: runLanguageSchema, code: codeSchema, inputs: customInputsSchema })
  .strict();
export const problemRunInput = z
  .object({ problem: slugSchema, language: runLanguageSchema, code: codeSchema, inputs: customInputsSchema.optional() })
  .strict();
export const draftInput = z
  .object({
    language: runLanguageSchema.optional(),
    code: z.string().max(MAX_CODE_BYTES, `is longer than ${MAX_CODE_BYTES} characters`).optional(),
    answer: z.string().max(MAX_TEXT_CHARS, `is longer than ${MAX_TEXT_CHARS} characters`).optional(),
  })
  .strict();
export const textAnswerInput = z.object({ text: textAnswerSchema }).strict();

export type StartSessionRequest = z.infer<typeof startSessionInput>;
export type ListSessionsRequest = z.infer<typeof listSessionsInput>;
export type QuestionsRequest = z.infer<typeof questionsInput>;

// ---- outputs (dates as ISO strings) ------------------------------------------------------------------

export const questionSummaryView = z.object({
  id: z.number().int(),
  slug: z.string(),
  mode: z.string(),
  title: z.string(),
  difficulty: z.string().nullable(),
  topics: z.array(z.string()),
  companies: z.array(z.string()),
});
export const questionPage = pageOf(questionSummaryView);

/** A question as a candidate sees it: hints, reference solutions and hidden tests' data left out. */
export const questionView = questionSummaryView.extend({
  prompt: z.string(),
  content: z
    .looseObject({
      starterCode: z.record(z.string(), z.string()).optional().describe("coding: per language"),
      tests: z
        .array(z.looseObject({ args: z.array(z.unknown()), expected: z.unknown().optional() }))
        .optional()
        .describe("coding: the visible tests"),
      hiddenTests: z.number().int().optional(),
      examples: z
        .array(z.object({ input: z.string(), output: z.string(), explanation: z.string().optional() }))
        .optional(),
      constraints: z.array(z.string()).optional(),
      hintCount: z.number().int().optional(),
      timeLimitMinutes: z.number().optional(),
    })
    .describe(
      "the mode's material: starterCode, examples, tests, requirements, tips, … (hints and solutions left out)",
    ),
});

export const languagesView = z.object({
  languages: z.array(
    z.object({ id: z.string(), label: z.string(), available: z.boolean(), version: z.string().optional() }),
  ),
  sandbox: z.object({
    isolation: z.enum(["bwrap", "rlimits", "none"]),
    privilege: z.enum(["root", "unprivileged"]),
    seccomp: z.boolean(),
    warning: z.string().optional(),
    refusal: z.string().optional(),
    notes: z.array(z.string()),
  }),
  warning: z.string().optional().describe("runs go unsandboxed"),
  refusal: z.string().optional().describe("runs are refused, and why"),
});

export const caseResultView = z.object({
  index: z.number().int(),
  status: z.enum(["passed", "failed", "error", "not_run", "ran"]),
  args: z.array(z.unknown()).optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  stdout: z.string().optional(),
  error: z.string().optional(),
  timeMs: z.number().optional(),
});
export const runReportView = z.object({
  verdict: z.string(),
  language: z.string(),
  passed: z.number().int(),
  total: z.number().int(),
  cases: z.array(caseResultView),
  error: z.object({ kind: z.string(), message: z.string(), line: z.number().int().optional() }).optional(),
  durationMs: z.number(),
  compileMs: z.number().optional(),
  stderr: z.string().optional(),
});
/** A graded submission or a custom run inside a session: the run and the stored answer's id. */
export const submissionView = runReportView.extend({
  answerId: z.number().int(),
  custom: z.literal(true).optional(),
});

export const draftView = z.object({
  language: z.string().nullable(),
  code: z.record(z.string(), z.string()),
  answer: z.string(),
  savedAt: z.string(),
});

const dimensionScoreView = z.object({
  id: z.string(),
  label: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
  evidence: z.array(z.string()).optional(),
});
export const rubricView = z.object({
  mode: z.string().optional(),
  dimensions: z.array(dimensionScoreView),
  overall: z.number(),
  band: z.string(),
  gradedBy: z.enum(["offline", "llm"]).optional(),
  model: z.string().optional(),
  cappedBy: z.string().optional(),
});
/** Reports stored before the rubric had dimensions: one `{score, reasons}` per dimension id. */
const legacyRubricView = z.looseObject({ overall: z.number(), band: z.string() });

/** What an answer covered and missed (sections, concepts, STAR parts), with the matching sentence of each. */
const coverageView = z.object({
  covered: z.array(z.string()),
  missing: z.array(z.string()),
  evidence: z.record(z.string(), z.string()),
});
const coverageLists = coverageView.partial({ evidence: true });

/** A finished session's report; stored as JSON with the session, so older reports may lack newer fields. */
export const interviewReportView = z.object({
  mode: z.string(),
  question: z.object({ slug: z.string(), title: z.string(), difficulty: z.string().nullable() }),
  status: z.enum(["finished", "expired"]),
  timeUsedMinutes: z.number(),
  durationMinutes: z.number(),
  hintsUsed: z.number().int(),
  hintsAvailable: z.number().int(),
  tests: z.object({ passed: z.number().int(), total: z.number().int(), verdict: z.string().nullable() }).optional(),
  submissions: z.number().int().optional(),
  customRuns: z.number().int().optional(),
  language: z.string().nullable().optional(),
  code: z
    .object({
      language: z.string(),
      source: z.string(),
      verdict: z.string().nullable(),
      submitted: z.literal(false).optional(),
    })
    .nullable()
    .optional()
    .describe("the graded submission the report is about"),
  complexity: z.object({ time: z.string(), reasons: z.array(z.string()), optimal: z.string().optional() }).optional(),
  attempt: z
    .object({ counted: z.boolean(), outcome: z.enum(["solved", "failed"]).optional(), reason: z.string() })
    .optional()
    .describe("whether the session was logged as a practice attempt, and why"),
  coverage: z
    .union([
      coverageView.extend({ concepts: coverageLists }),
      z.object({ sections: coverageLists, concepts: coverageLists }).describe("reports stored before 2026-11-26"),
    ])
    .optional()
    .describe("system design: the sections and key concepts the answer covered"),
  star: coverageLists.optional().describe("behavioural: the STAR parts the story covered"),
  rubric: z.union([rubricView, legacyRubricView]),
  offlineRubric: z.object({ overall: z.number(), band: z.string() }).optional(),
  feedback: z.string().optional().describe("the mentor's written feedback, when a model wrote it"),
});

/** A session imported from the old platform: its written feedback, no scores. */
export const importedReportView = z.object({ source: z.literal("legacy"), feedback: z.string() });

export const sessionView = z.object({
  id: z.number().int(),
  mode: z.string(),
  status: z.string(),
  company: z.string().nullable(),
  role: z.string().nullable(),
  difficulty: z.string().nullable().describe("null while a blind-mode interview runs"),
  durationMinutes: z.number().int(),
  startedAt: z.string(),
  deadlineAt: z.string(),
  finishedAt: z.string().nullable(),
  secondsLeft: z.number().int(),
  hintsUsed: z.number().int(),
  score: z.number().nullable(),
  question: questionView,
  hints: z.array(z.string()).describe("the hints given so far"),
  report: z.union([interviewReportView, importedReportView]).nullable(),
  draft: draftView.nullable().describe("the unsent code and answer, restored after a reload"),
  reference: z
    .object({ language: z.string(), code: z.string() })
    .nullable()
    .describe("a verified solution, once the session is over (coding)"),
});

export const sessionSummaryView = z.object({
  id: z.number().int(),
  mode: z.string(),
  status: z.string(),
  question: z.object({ slug: z.string(), title: z.string(), difficulty: z.string().nullable() }),
  company: z.string().nullable(),
  role: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  hintsUsed: z.number().int(),
  score: z.number().nullable(),
  band: z.string().nullable(),
});
export const sessionPage = pageOf(sessionSummaryView);

export const hintView = z.object({
  hint: z.string(),
  number: z.number().int().describe("1 for the first hint"),
  remaining: z.number().int(),
});
export const textAnswerView = z.object({ id: z.number().int(), createdAt: z.string() });

export const interviewStatsView = z.object({
  modes: z.array(
    z.object({
      mode: z.string(),
      sessions: z.number().int(),
      finished: z.number().int(),
      averageScore: z.number().nullable(),
      bestScore: z.number().nullable(),
      averageHints: z.number().nullable(),
      accepted: z.number().int().optional().describe("coding: sessions whose best submission passed every test"),
      bands: z.record(z.string(), z.number().int()),
    }),
  ),
});

export type SessionView = z.infer<typeof sessionView>;
export type SessionSummary = z.infer<typeof sessionSummaryView>;

// Mock interviews over HTTP: the question bank, languages, sessions (submit, run, hint, answer, finish),
// history and stats. Every handler is one call into the interview service.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { DIFFICULTIES, INTERVIEW_MODES } from "../../config/constants.js";
import { recordId } from "../../config/input-limits.js";
import { MAX_CODE_BYTES, MAX_CUSTOM_INPUTS, MAX_TEXT_CHARS } from "../../services/interview-service.js";
import { startInterviewInput } from "../../services/interviews/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { idParams, pagination, signedIn, slugSchema } from "./tracking-schemas.js";

const modeSchema = z.enum(INTERVIEW_MODES);
const codeBody = {
  language: z.string().trim().min(1).max(20),
  code: z.string().min(1, "is empty").max(MAX_CODE_BYTES, `is longer than ${MAX_CODE_BYTES} characters`),
};
const inputsSchema = z.array(z.array(z.unknown())).min(1).max(MAX_CUSTOM_INPUTS);

export async function interviewsRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ["interviews"];

  app.get(
    "/interviews/questions",
    {
      schema: {
        tags,
        summary: "Search the question bank by mode, topic, difficulty, company or text",
        querystring: z
          .object({
            mode: modeSchema.optional(),
            topic: z.string().trim().max(60).optional(),
            difficulty: z.enum(DIFFICULTIES).optional(),
            company: z.string().trim().max(60).optional(),
            q: z.string().trim().max(100).optional(),
            ...pagination,
          })
          .strict(),
      },
    },
    async (request) => ctx.interviews.listQuestions(request.query),
  );

  app.get(
    "/interviews/questions/:slug",
    {
      schema: { tags, summary: "One question as a candidate sees it", params: z.object({ slug: slugSchema }).strict() },
    },
    async (request) => ctx.interviews.getQuestion(request.params.slug),
  );

  app.get(
    "/interviews/languages",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Languages the runner supports on this server, and its sandbox (with a warning when there is none)",
      },
    },
    async () => ctx.interviews.languages(),
  );

  app.post(
    "/interviews/run",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Run code against a problem's tests (or custom inputs) outside a session",
        body: z.object({ problem: slugSchema, ...codeBody, inputs: inputsSchema.optional() }).strict(),
      },
    },
    async (request) => ctx.interviews.runProblem(request.body, requireUser(request).id),
  );

  app.post(
    "/interviews/sessions",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Start a timed mock interview (a given question, or one picked by mode, difficulty, company, topic)",
        body: startInterviewInput.extend({ scheduledInterviewId: recordId.optional() }).strict(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await ctx.interviews.startSession(requireUser(request).id, request.body)),
  );

  app.get(
    "/interviews/sessions",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Interview history, newest first",
        querystring: z
          .object({
            mode: modeSchema.optional(),
            status: z.enum(["active", "finished", "expired"]).optional(),
            ...pagination,
          })
          .strict(),
      },
    },
    async (request) => ctx.interviews.listSessions(requireUser(request).id, request.query),
  );

  app.get(
    "/interviews/sessions/:id",
    {
      ...signedIn,
      schema: { tags, summary: "One session: question, time left, hints given, report", params: idParams },
    },
    async (request) => ctx.interviews.getSession(requireUser(request).id, request.params.id),
  );

  app.post(
    "/interviews/sessions/:id/submissions",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Submit code: graded against every test (hidden ones report pass/fail only)",
        params: idParams,
        body: z.object(codeBody).strict(),
      },
    },
    async (request) => ctx.interviews.submitCode(requireUser(request).id, request.params.id, request.body),
  );

  app.post(
    "/interviews/sessions/:id/runs",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Run code on your own inputs (args arrays); shows what it returns, no grading",
        params: idParams,
        body: z.object({ ...codeBody, inputs: inputsSchema }).strict(),
      },
    },
    async (request) => ctx.interviews.runCustom(requireUser(request).id, request.params.id, request.body),
  );

  app.put(
    "/interviews/sessions/:id/draft",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Save what you are typing (code for one language, or the written answer); restored on reload",
        params: idParams,
        body: z
          .object({
            language: codeBody.language.optional(),
            code: z.string().max(MAX_CODE_BYTES, `is longer than ${MAX_CODE_BYTES} characters`).optional(),
            answer: z.string().max(MAX_TEXT_CHARS, `is longer than ${MAX_TEXT_CHARS} characters`).optional(),
          })
          .strict(),
      },
    },
    async (request) => ctx.interviews.saveDraft(requireUser(request).id, request.params.id, request.body),
  );

  app.post(
    "/interviews/sessions/:id/hints",
    { ...signedIn, schema: { tags, summary: "The next hint (counted in the report)", params: idParams } },
    async (request) => ctx.interviews.nextHint(requireUser(request).id, request.params.id),
  );

  app.post(
    "/interviews/sessions/:id/answers",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "A written answer: the design, the behavioural story, or the approach of a coding solution",
        params: idParams,
        body: z.object({ text: z.string().min(1).max(MAX_TEXT_CHARS) }).strict(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await ctx.interviews.answerText(requireUser(request).id, request.params.id, request.body)),
  );

  app.post(
    "/interviews/sessions/:id/finish",
    { ...signedIn, schema: { tags, summary: "Finish the session and get its report (idempotent)", params: idParams } },
    async (request) => ctx.interviews.finishSession(requireUser(request).id, request.params.id),
  );

  app.get(
    "/interviews/stats",
    { ...signedIn, schema: { tags, summary: "Sessions, scores and bands per mode" } },
    async (request) => ctx.interviews.stats(requireUser(request).id),
  );
}

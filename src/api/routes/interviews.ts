// Mock interviews over HTTP: the question bank, languages, sessions (submit, run, hint, answer, finish),
// history and stats. Inputs and outputs are the interviews contract's (src/services/interviews/contract.ts),
// which the MCP/mentor tools and the CLI parse with too; every handler is one call into the interview service.
import type { AppContext } from "../../app-context.js";
import {
  codeInput,
  customRunInput,
  draftInput,
  draftView,
  hintView,
  interviewStatsView,
  languagesView,
  listSessionsInput,
  problemRunInput,
  questionPage,
  questionSlugInput,
  questionsInput,
  questionView,
  runReportView,
  sessionIdInput,
  sessionPage,
  sessionView,
  startSessionInput,
  submissionView,
  textAnswerInput,
  textAnswerView,
} from "../../services/interviews/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";
import { signedIn } from "./tracking-schemas.js";

export async function interviewsRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ["interviews"];

  app.get(
    "/interviews/questions",
    {
      schema: {
        tags,
        summary: "Search the question bank by mode, topic, difficulty, company or text",
        querystring: questionsInput,
        response: { 200: questionPage, ...errorResponses },
      },
    },
    async (request) => ctx.interviews.listQuestions(request.query),
  );

  app.get(
    "/interviews/questions/:slug",
    {
      schema: {
        tags,
        summary: "One question as a candidate sees it",
        params: questionSlugInput,
        response: { 200: questionView, ...errorResponses },
      },
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
        response: { 200: languagesView, ...errorResponses },
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
        body: problemRunInput,
        response: { 200: runReportView, ...errorResponses },
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
        body: startSessionInput,
        response: { 201: sessionView, ...errorResponses },
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
        querystring: listSessionsInput,
        response: { 200: sessionPage, ...errorResponses },
      },
    },
    async (request) => ctx.interviews.listSessions(requireUser(request).id, request.query),
  );

  app.get(
    "/interviews/sessions/:id",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "One session: question, time left, hints given, report",
        params: sessionIdInput,
        response: { 200: sessionView, ...errorResponses },
      },
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
        params: sessionIdInput,
        body: codeInput,
        response: { 200: submissionView, ...errorResponses },
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
        params: sessionIdInput,
        body: customRunInput,
        response: { 200: submissionView, ...errorResponses },
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
        params: sessionIdInput,
        body: draftInput,
        response: { 200: draftView, ...errorResponses },
      },
    },
    async (request) => ctx.interviews.saveDraft(requireUser(request).id, request.params.id, request.body),
  );

  app.post(
    "/interviews/sessions/:id/hints",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The next hint (counted in the report)",
        params: sessionIdInput,
        response: { 200: hintView, ...errorResponses },
      },
    },
    async (request) => ctx.interviews.nextHint(requireUser(request).id, request.params.id),
  );

  app.post(
    "/interviews/sessions/:id/answers",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "A written answer: the design, the behavioural story, or the approach of a coding solution",
        params: sessionIdInput,
        body: textAnswerInput,
        response: { 201: textAnswerView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await ctx.interviews.answerText(requireUser(request).id, request.params.id, request.body)),
  );

  app.post(
    "/interviews/sessions/:id/finish",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Finish the session and get its report (idempotent)",
        params: sessionIdInput,
        response: { 200: sessionView, ...errorResponses },
      },
    },
    async (request) => ctx.interviews.finishSession(requireUser(request).id, request.params.id),
  );

  app.get(
    "/interviews/stats",
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Sessions, scores and bands per mode",
        response: { 200: interviewStatsView, ...errorResponses },
      },
    },
    async (request) => ctx.interviews.stats(requireUser(request).id),
  );
}

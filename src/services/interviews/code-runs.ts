// Running a candidate's code in the sandboxed runner: graded submissions and custom runs inside a coding
// session (each stored as an answer), runs outside any session (practice, the CLI), and the runner's
// languages. What zod cannot say is checked here: the language installed, the code's size in bytes, each
// custom input's arity.
import { interviewAnswers } from "../../database/schema.js";
import { BadRequestError } from "../../errors.js";
import type { Language, RunReport } from "../code-runner/types.js";
import { shortLanguageLabel } from "../shared/language-labels.js";
import { MAX_CODE_BYTES, MAX_CUSTOM_INPUTS } from "./contract.js";
import { parseLanguage } from "./interview-limits.js";
import { activeCodingSession } from "./lifecycle.js";
import { type CodingContent, findQuestion } from "./question-bank.js";
import type { InterviewDeps } from "./types.js";

export interface CodeInput {
  language: string;
  code: string;
}

/** The runner's languages and sandbox; `warning` when runs go unsandboxed, `refusal` when they are refused. */
export async function runnerLanguages(deps: InterviewDeps) {
  const status = await deps.runner.status();
  return {
    languages: status.languages.map((l) => ({ ...l, label: shortLanguageLabel(l.id, l.version) })),
    sandbox: status.sandbox,
    ...(status.sandbox.warning ? { warning: status.sandbox.warning } : {}),
    ...(status.sandbox.refusal ? { refusal: status.sandbox.refusal } : {}),
  };
}

/** A graded submission: every test of the session's question (hidden ones report pass/fail only). */
export async function submitCode(deps: InterviewDeps, userId: number, sessionId: number, input: CodeInput) {
  const { session, content } = await activeCodingSession(deps, userId, sessionId);
  const language = await checkedLanguage(deps, input.language, input.code);
  const report = await deps.runner.run(
    { language, code: input.code, signature: content.signature, cases: content.tests, compare: content.compare },
    userId,
  );
  const [answer] = await deps.db
    .insert(interviewAnswers)
    .values({
      sessionId: session.id,
      userId,
      kind: "code",
      language,
      content: input.code,
      result: report,
      createdAt: deps.clock.now(),
    })
    .returning({ id: interviewAnswers.id });
  return { answerId: answer.id, ...report };
}

/** The code on the candidate's own inputs: what it returns, no grading (kept out of the report's score). */
export async function runCustom(
  deps: InterviewDeps,
  userId: number,
  sessionId: number,
  input: CodeInput & { inputs: unknown[][] },
) {
  const { session, content } = await activeCodingSession(deps, userId, sessionId);
  const language = await checkedLanguage(deps, input.language, input.code);
  const report = await deps.runner.run(
    {
      language,
      code: input.code,
      signature: content.signature,
      cases: checkedInputs(content, input.inputs),
      custom: true,
    },
    userId,
  );
  const [answer] = await deps.db
    .insert(interviewAnswers)
    .values({
      sessionId: session.id,
      userId,
      kind: "code",
      language,
      content: input.code,
      result: { ...report, custom: true },
      createdAt: deps.clock.now(),
    })
    .returning({ id: interviewAnswers.id });
  return { answerId: answer.id, custom: true as const, ...report };
}

/** A run outside any session (practice, the CLI): every test, hidden ones included when asked. */
export async function runProblem(
  deps: InterviewDeps,
  input: CodeInput & { problem: string; inputs?: unknown[][]; revealHidden?: boolean },
  userId?: number,
): Promise<RunReport> {
  const question = await findQuestion(deps.db, input.problem);
  if (question.mode !== "coding")
    throw new BadRequestError(`"${question.slug}" is a ${question.mode} question: it has no tests to run.`);
  const content = question.content as CodingContent;
  const language = await checkedLanguage(deps, input.language, input.code);
  const cases = input.inputs
    ? checkedInputs(content, input.inputs)
    : content.tests.map((t) => (input.revealHidden ? { ...t, hidden: false } : t));
  return deps.runner.run(
    {
      language,
      code: input.code,
      signature: content.signature,
      cases,
      compare: content.compare,
      custom: Boolean(input.inputs),
    },
    userId,
  );
}

async function checkedLanguage(deps: InterviewDeps, value: string, code: string): Promise<Language> {
  const language = parseLanguage(value);
  if (!(await deps.runner.isAvailable(language))) {
    const available = (await deps.runner.status()).languages.filter((l) => l.available).map((l) => l.id);
    throw new BadRequestError(`${language} is not installed on this server. Available: ${available.join(", ")}.`);
  }
  if (!code.trim()) throw new BadRequestError("The code is empty.");
  if (Buffer.byteLength(code) > MAX_CODE_BYTES)
    throw new BadRequestError(`The code is larger than ${MAX_CODE_BYTES / 1024} KB.`);
  return language;
}

function checkedInputs(content: CodingContent, inputs: unknown[][]) {
  if (inputs.length === 0 || inputs.length > MAX_CUSTOM_INPUTS)
    throw new BadRequestError(`Give between 1 and ${MAX_CUSTOM_INPUTS} inputs.`);
  const arity = content.signature.kind === "function" ? content.signature.params.length : 2;
  const names =
    content.signature.kind === "function"
      ? content.signature.params.map((p) => `${p.name}: ${p.type}`).join(", ")
      : "[operations], [arguments]";
  inputs.forEach((args, i) => {
    if (!Array.isArray(args) || args.length !== arity)
      throw new BadRequestError(`Input ${i + 1} must be an array of ${arity} arguments (${names}).`);
  });
  return inputs.map((args) => ({ args }));
}

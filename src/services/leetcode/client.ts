// LeetCode's GraphQL API (the one leetcode.com's own pages call), rate-limited, with errors that say
// what went wrong: rate limit, expired cookie, unknown user, malformed answer, unreachable server.
import { z } from "zod";

export type LeetCodeErrorKind = "rate_limited" | "auth_expired" | "not_found" | "malformed" | "network" | "http";

export class LeetCodeError extends Error {
  constructor(
    readonly kind: LeetCodeErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "LeetCodeError";
  }
}

export const ACCEPTED_STATUS = 10;

export const QUERIES = {
  profile: `query userPublicProfile($username: String!) {
  matchedUser(username: $username) {
    username
    profile { ranking realName }
    submitStatsGlobal { acSubmissionNum { difficulty count } }
  }
}`,
  recentAccepted: `query recentAcSubmissions($username: String!, $limit: Int!) {
  recentAcSubmissionList(username: $username, limit: $limit) { id title titleSlug timestamp lang }
}`,
  userStatus: `query globalData { userStatus { isSignedIn username } }`,
  submissions: `query submissionList($offset: Int!, $limit: Int!, $lastKey: String, $questionSlug: String, $status: Int) {
  submissionList(offset: $offset, limit: $limit, lastKey: $lastKey, questionSlug: $questionSlug, status: $status) {
    lastKey
    hasNext
    submissions { id title titleSlug status statusDisplay lang timestamp }
  }
}`,
  question: `query questionTitle($titleSlug: String!) {
  question(titleSlug: $titleSlug) { questionFrontendId title titleSlug difficulty }
}`,
} as const;

const idString = z.union([z.string(), z.number()]).transform(String);
const timestamp = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    ctx.addIssue({ code: "custom", message: "expected a Unix timestamp" });
    return z.NEVER;
  }
  return new Date(n * 1000);
});

export const submissionSchema = z.object({
  id: idString,
  title: z.string(),
  titleSlug: z.string().min(1),
  timestamp,
  lang: z.string().nullish(),
  status: z.number().nullish(),
  statusDisplay: z.string().nullish(),
});
export type Submission = z.infer<typeof submissionSchema>;

const profileSchema = z.object({
  matchedUser: z
    .object({
      username: z.string(),
      profile: z.object({ ranking: z.number().nullish(), realName: z.string().nullish() }).nullish(),
      submitStatsGlobal: z.object({
        acSubmissionNum: z.array(z.object({ difficulty: z.string(), count: z.number() })),
      }),
    })
    .nullable(),
});
const recentSchema = z.object({ recentAcSubmissionList: z.array(submissionSchema).nullable() });
const statusSchema = z.object({ userStatus: z.object({ isSignedIn: z.boolean(), username: z.string().nullish() }) });
const pageSchema = z.object({
  submissionList: z
    .object({ lastKey: z.string().nullish(), hasNext: z.boolean(), submissions: z.array(submissionSchema) })
    .nullable(),
});
const questionSchema = z.object({
  question: z
    .object({
      questionFrontendId: z.string().nullish(),
      title: z.string(),
      titleSlug: z.string(),
      difficulty: z.string(),
    })
    .nullable(),
});

export interface LeetCodeProfile {
  username: string;
  ranking: number | null;
  solved: { all: number; easy: number; medium: number; hard: number };
}

export interface SubmissionPage {
  submissions: Submission[];
  hasNext: boolean;
  lastKey: string | null;
}

export interface LeetCodeClientOptions {
  url: string;
  requestsPerMinute: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** tries of one request when LeetCode answers 429 or 5xx */
  maxAttempts?: number;
  timeoutMs?: number;
  /** the longest Retry-After honoured; a longer one fails the request */
  maxRetryAfterMs?: number;
}

const EXPIRED =
  "LeetCode did not accept the LEETCODE_SESSION cookie (expired or signed out): copy a fresh one from your browser's cookies for leetcode.com and link it again";

export class LeetCodeClient {
  private nextSlot = 0;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** requests actually sent, for tests and logs */
  requests = 0;

  constructor(private readonly options: LeetCodeClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Spaces requests evenly: at most `requestsPerMinute`, whatever the caller does. */
  private async throttle(): Promise<void> {
    const interval = 60_000 / this.options.requestsPerMinute;
    const now = Date.now();
    const wait = Math.max(0, this.nextSlot - now);
    this.nextSlot = Math.max(now, this.nextSlot) + interval;
    if (wait > 0) await this.sleep(wait);
  }

  private async query<T extends z.ZodTypeAny>(
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
    schema: T,
    session?: string,
  ): Promise<z.output<T>> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      await this.throttle();
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: "application/json",
        referer: "https://leetcode.com/",
        "user-agent": "Maang-Tracker (self-hosted interview tracker)",
      };
      if (session) headers.cookie = `LEETCODE_SESSION=${session}`;
      let response: Response;
      this.requests++;
      try {
        response = await this.fetchFn(this.options.url, {
          method: "POST",
          headers,
          body: JSON.stringify({ operationName, query, variables }),
          redirect: "manual",
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        const inner = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
        const cause = inner?.code ?? inner?.errors?.[0]?.code ?? inner?.message ?? (error as Error).message;
        if (attempt < maxAttempts) {
          await this.sleep(1000 * 2 ** (attempt - 1));
          continue;
        }
        throw new LeetCodeError("network", `Could not reach LeetCode at ${this.options.url} (${cause})`);
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel();
        const retryAfter = retryAfterMs(response.headers.get("retry-after")) ?? 1000 * 2 ** attempt;
        if (attempt < maxAttempts && retryAfter <= (this.options.maxRetryAfterMs ?? 120_000)) {
          await this.sleep(retryAfter);
          continue;
        }
        throw response.status === 429
          ? new LeetCodeError(
              "rate_limited",
              `LeetCode rate-limited the sync (429 after ${attempt} tries); it resumes from here next time`,
            )
          : new LeetCodeError("http", `LeetCode answered ${response.status} after ${attempt} tries`);
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        throw session
          ? new LeetCodeError("auth_expired", EXPIRED)
          : new LeetCodeError("http", `LeetCode redirected to ${response.headers.get("location") ?? "another page"}`);
      }
      if ((response.status === 401 || response.status === 403) && session)
        throw new LeetCodeError("auth_expired", EXPIRED);
      if (!response.ok)
        throw new LeetCodeError("http", `LeetCode answered ${response.status} ${response.statusText}`.trim());
      let body: { data?: unknown; errors?: { message?: string }[] };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new LeetCodeError("malformed", `LeetCode's answer to ${operationName} was not JSON`);
      }
      const messages = (body?.errors ?? []).map((e) => e?.message ?? "").filter(Boolean);
      if (body?.data === null || body?.data === undefined) {
        if (session && messages.some((m) => /auth|login|sign|permission|credential/i.test(m)))
          throw new LeetCodeError("auth_expired", EXPIRED);
        if (messages.some((m) => /does not exist|not found/i.test(m)))
          throw new LeetCodeError("not_found", messages.join("; "));
        throw new LeetCodeError(
          session ? "auth_expired" : "malformed",
          session
            ? `${EXPIRED} (LeetCode: ${messages.join("; ") || "no data"})`
            : `LeetCode returned no data for ${operationName}: ${messages.join("; ") || "no reason given"}`,
        );
      }
      const parsed = schema.safeParse(body.data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new LeetCodeError(
          "malformed",
          `LeetCode's answer to ${operationName} did not have the expected shape (${issue?.path.join(".") || "data"}: ${issue?.message})`,
        );
      }
      return parsed.data;
    }
  }

  async profile(username: string): Promise<LeetCodeProfile> {
    const data = await this.query("userPublicProfile", QUERIES.profile, { username }, profileSchema);
    if (!data.matchedUser)
      throw new LeetCodeError("not_found", `LeetCode has no user "${username}"; check the username you linked`);
    const count = (d: string) =>
      data.matchedUser?.submitStatsGlobal.acSubmissionNum.find((n) => n.difficulty.toLowerCase() === d)?.count ?? 0;
    return {
      username: data.matchedUser.username,
      ranking: data.matchedUser.profile?.ranking ?? null,
      solved: { all: count("all"), easy: count("easy"), medium: count("medium"), hard: count("hard") },
    };
  }

  /** The latest accepted submissions, public (LeetCode returns at most 20 without a session). */
  async recentAccepted(username: string, limit = 20): Promise<Submission[]> {
    const data = await this.query("recentAcSubmissions", QUERIES.recentAccepted, { username, limit }, recentSchema);
    return data.recentAcSubmissionList ?? [];
  }

  async signedInAs(session: string): Promise<string> {
    const data = await this.query("globalData", QUERIES.userStatus, {}, statusSchema, session);
    if (!data.userStatus.isSignedIn) throw new LeetCodeError("auth_expired", EXPIRED);
    return data.userStatus.username ?? "";
  }

  /** One page of the signed-in user's accepted submissions, newest first. */
  async acceptedPage(session: string, offset: number, limit: number, lastKey: string | null): Promise<SubmissionPage> {
    const data = await this.query(
      "submissionList",
      QUERIES.submissions,
      { offset, limit, lastKey, questionSlug: "", status: ACCEPTED_STATUS },
      pageSchema,
      session,
    );
    if (!data.submissionList) throw new LeetCodeError("auth_expired", EXPIRED);
    return {
      submissions: data.submissionList.submissions.filter(
        (s) => (s.status ?? ACCEPTED_STATUS) === ACCEPTED_STATUS && (s.statusDisplay ?? "Accepted") === "Accepted",
      ),
      hasNext: data.submissionList.hasNext,
      lastKey: data.submissionList.lastKey ?? null,
    };
  }

  async question(slug: string): Promise<{ title: string; difficulty: string; frontendId: number | null } | null> {
    const data = await this.query("questionTitle", QUERIES.question, { titleSlug: slug }, questionSchema);
    if (!data.question) return null;
    const id = Number(data.question.questionFrontendId);
    return {
      title: data.question.title,
      difficulty: data.question.difficulty.toLowerCase(),
      frontendId: Number.isInteger(id) ? id : null,
    };
  }
}

/** Retry-After: seconds, or an HTTP date. */
export function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

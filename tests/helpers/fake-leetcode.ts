// A local stand-in for LeetCode's GraphQL endpoint, answering with the documented response shapes, and
// able to misbehave on request: 429 with Retry-After, an expired session, redirects, malformed data.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSubmission {
  id: string;
  title: string;
  titleSlug: string;
  timestamp: string;
  lang: string;
  status?: number;
  statusDisplay?: string;
}

export interface FakeLeetCodeState {
  users: Record<string, { easy: number; medium: number; hard: number; ranking: number }>;
  /** the user's accepted history, newest first */
  history: FakeSubmission[];
  /** what recentAcSubmissionList returns (default: the first 20 of history) */
  recent?: FakeSubmission[];
  validSessions: Set<string>;
  /** sessions userStatus reports as signed in (default: validSessions) */
  signedInSessions?: Set<string>;
  questions: Record<string, { title: string; difficulty: "Easy" | "Medium" | "Hard"; id: string }>;
  /** operationName → how many next requests get 429 */
  rateLimit: Record<string, number>;
  retryAfterSeconds: string;
  /** submissionList at these offsets answers 429 every time */
  failOffsets: Set<number>;
  /** the answer to an expired session on submissionList: data null + errors, or a 302 to the login page */
  expiredStyle: "errors" | "redirect";
  malformed: Set<string>;
}

export interface FakeLeetCode {
  url: string;
  state: FakeLeetCodeState;
  /** every request: operation and variables */
  log: { operation: string; variables: Record<string, unknown>; session: string | null }[];
  close(): Promise<void>;
}

function submission(i: number, slug: string, title: string): FakeSubmission {
  return {
    id: String(1_000_000 + i),
    title,
    titleSlug: slug,
    timestamp: String(1_760_000_000 - i * 3600),
    lang: i % 2 === 0 ? "python3" : "cpp",
    status: 10,
    statusDisplay: "Accepted",
  };
}

/** `n` accepted submissions over catalogue slugs, newest first. */
export function makeHistory(n: number, slugs: [string, string][]): FakeSubmission[] {
  return Array.from({ length: n }, (_, i) => submission(i, slugs[i % slugs.length][0], slugs[i % slugs.length][1]));
}

async function body(request: IncomingMessage): Promise<{ operationName: string; variables: Record<string, unknown> }> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
}

export async function startFakeLeetCode(initial: Partial<FakeLeetCodeState> = {}): Promise<FakeLeetCode> {
  const state: FakeLeetCodeState = {
    users: {},
    history: [],
    validSessions: new Set(),
    questions: {},
    rateLimit: {},
    retryAfterSeconds: "1",
    failOffsets: new Set(),
    expiredStyle: "errors",
    malformed: new Set(),
    ...initial,
  };
  const log: FakeLeetCode["log"] = [];
  const server: Server = createServer(async (request, response) => {
    const { operationName, variables } = await body(request);
    const session = /LEETCODE_SESSION=([^;]+)/.exec(request.headers.cookie ?? "")?.[1] ?? null;
    log.push({ operation: operationName, variables, session });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(payload));
    };
    if ((state.rateLimit[operationName] ?? 0) > 0) {
      state.rateLimit[operationName]--;
      return send(429, { detail: "Too many requests" }, { "retry-after": state.retryAfterSeconds });
    }
    const malformed = state.malformed.has(operationName);
    switch (operationName) {
      case "userPublicProfile": {
        const user = state.users[String(variables.username)];
        if (!user)
          return send(200, { data: { matchedUser: null }, errors: [{ message: "That user does not exist." }] });
        return send(200, {
          data: {
            matchedUser: {
              username: variables.username,
              profile: { ranking: user.ranking, realName: "" },
              submitStatsGlobal: {
                acSubmissionNum: malformed
                  ? "lots"
                  : [
                      { difficulty: "All", count: user.easy + user.medium + user.hard },
                      { difficulty: "Easy", count: user.easy },
                      { difficulty: "Medium", count: user.medium },
                      { difficulty: "Hard", count: user.hard },
                    ],
              },
            },
          },
        });
      }
      case "recentAcSubmissions": {
        const list = (state.recent ?? state.history.slice(0, 20)).slice(0, Number(variables.limit ?? 20));
        if (malformed)
          return send(200, { data: { recentAcSubmissionList: list.map(({ titleSlug: _s, ...rest }) => rest) } });
        return send(200, {
          data: { recentAcSubmissionList: list.map(({ status: _st, statusDisplay: _sd, ...rest }) => rest) },
        });
      }
      case "globalData":
        return send(200, {
          data: {
            userStatus: {
              isSignedIn: session !== null && (state.signedInSessions ?? state.validSessions).has(session),
              username: "",
            },
          },
        });
      case "submissionList": {
        if (!session || !state.validSessions.has(session)) {
          if (state.expiredStyle === "redirect") {
            response.writeHead(302, { location: "https://leetcode.com/accounts/login/" });
            return response.end();
          }
          return send(200, { data: { submissionList: null }, errors: [{ message: "User is not authenticated" }] });
        }
        const offset = Number(variables.offset);
        if (state.failOffsets.has(offset)) return send(429, { detail: "slow down" }, { "retry-after": "1" });
        const limit = Number(variables.limit);
        const page = state.history.slice(offset, offset + limit);
        return send(200, {
          data: {
            submissionList: {
              lastKey: page.length > 0 ? `key-${offset + page.length}` : null,
              hasNext: offset + limit < state.history.length,
              submissions: malformed ? page.map((s) => ({ ...s, timestamp: "yesterday" })) : page,
            },
          },
        });
      }
      case "questionTitle": {
        const q = state.questions[String(variables.titleSlug)];
        return send(200, {
          data: {
            question: q
              ? { questionFrontendId: q.id, title: q.title, titleSlug: variables.titleSlug, difficulty: q.difficulty }
              : null,
          },
        });
      }
      default:
        return send(400, { errors: [{ message: `unknown operation ${operationName}` }] });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    state,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

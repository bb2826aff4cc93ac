// Issue 17: walks the OpenAPI document signed in as a user and sends every operation hostile input —
// ids that are not ids, ids past int4, NUL characters in every string, wrong types — and asserts that
// not one answer is a 5xx. The operations that end the session or delete the account are left out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createTestContext, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
};
type Parameter = { name: string; in: "path" | "query" | "header" | "cookie"; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

const SKIPPED = new Set(["POST /api/auth/logout", "POST /api/auth/logout-all", "DELETE /api/me"]);
const BAD_IDS = ["2147483648", "-1", "0", "abc", "1.5", "%00", "99999999999999999999"];
const NUL = "\u0000";

let ctx: AppContext;
let app: App;
let user: TestUser;
beforeAll(async () => {
  // Sync runs must fail fast instead of reaching leetcode.com.
  ctx = await createTestContext({ LEETCODE_GRAPHQL_URL: "http://127.0.0.1:9/graphql" });
  app = await createTestApp(ctx);
  user = await signUp(app);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

function typesOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** A plausible value of the schema, so one field at a time can be made hostile. */
function sample(schema: Schema | undefined): unknown {
  if (schema?.enum?.length) return schema.enum[0];
  const [type] = typesOf(schema);
  if (type === "object") {
    return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([k, v]) => [k, sample(v)]));
  }
  if (type === "array") return [sample(schema?.items)];
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return false;
  return "two-sum";
}

/** Bodies with one hostile field each: NUL in a string, int4+1 and a string for a number, wrong types. */
function hostileBodies(schema: Schema | undefined): unknown[] {
  const base = sample(schema);
  const bodies: unknown[] = [[], "text", 2_147_483_648, { unexpected: NUL }];
  if (!base || typeof base !== "object" || Array.isArray(base)) return bodies;
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    const types = typesOf(property);
    const variants: unknown[] = [NUL, `ok${NUL}`, null, { nested: NUL }, [NUL]];
    if (types.includes("integer") || types.includes("number")) variants.push(2_147_483_648, -2_147_483_649, 1e308);
    if (types.includes("string")) variants.push(7, "2147483648");
    for (const value of variants) bodies.push({ ...base, [key]: value });
  }
  return bodies;
}

describe(`OpenAPI fuzz on ${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`, () => {
  it("answers no operation of the API with a 5xx, whatever hostile input it gets", async () => {
    const doc = (await app.inject({ method: "GET", url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const failures: string[] = [];
    let sent = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const label = `${method.toUpperCase()} ${path}`;
        if (SKIPPED.has(label)) continue;
        const pathParams = (operation.parameters ?? []).filter((p) => p.in === "path");
        const queryParams = (operation.parameters ?? []).filter((p) => p.in === "query");
        const fill = (value: string) => path.replace(/\{(\w+)\}/g, () => value);
        const urls = new Set<string>([fill("two-sum"), fill("1")]);
        if (pathParams.length > 0) for (const id of BAD_IDS) urls.add(fill(id));
        for (const q of queryParams) {
          for (const value of ["%00", "a%00b", "2147483648", "-1", "x", "%FF"])
            urls.add(`${fill("1")}?${q.name}=${value}`);
        }
        const schema = operation.requestBody?.content?.["application/json"]?.schema;
        const payloads: unknown[] = schema ? hostileBodies(schema) : [undefined];
        for (const url of urls) {
          for (const payload of url === fill("1") ? payloads : [payloads[0]]) {
            const response = await app.inject({
              method: method.toUpperCase() as "GET",
              url,
              headers: user.headers,
              ...(payload === undefined ? {} : { payload: payload as object }),
            });
            sent++;
            if (response.statusCode >= 500) {
              failures.push(`${label} ${url} ${JSON.stringify(payload)} → ${response.statusCode} ${response.body}`);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 240_000);
});

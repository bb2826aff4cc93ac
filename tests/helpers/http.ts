// An API instance on a test context, and signed-up users to call it with.
import { type App, buildApp } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { uniqueEmail } from "./context.js";

export async function createTestApp(ctx: AppContext): Promise<App> {
  const app = await buildApp(ctx);
  await app.ready();
  return app;
}

export interface TestUser {
  id: number;
  email: string;
  password: string;
  /** headers that authenticate as this user: `{ cookie }` */
  headers: Record<string, string>;
}

/** Signs a new user up through the API and returns the session cookie to use as them. */
export async function signUp(
  app: App,
  options: { email?: string; password?: string; name?: string; timezone?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? "correct horse battery";
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/signup",
    payload: { email, password, name: options.name ?? "Test User", timezone: options.timezone ?? "UTC" },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers["set-cookie"];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!raw) throw new Error("signup returned no session cookie");
  const cookie = raw.split(";")[0];
  const body = response.json() as { user: { id: number } };
  return { id: body.user.id, email, password, headers: { cookie } };
}

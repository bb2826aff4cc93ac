// The security headers are computed once (src/api/security-headers.ts) instead of by @fastify/helmet on
// every request: they must be exactly what the plugin sends, on routes, 404s and errors alike.
import helmet from "@fastify/helmet";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { HELMET_OPTIONS } from "../../src/api/app.js";
import { registerSecurityHeaders, securityHeaders } from "../../src/api/security-headers.js";

const pick = (headers: Record<string, unknown>, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, headers[n]]));

describe("security headers computed once", () => {
  it("are the headers @fastify/helmet sends with the same options", async () => {
    const plugin = Fastify();
    await plugin.register(helmet, HELMET_OPTIONS);
    plugin.get("/x", async () => ({ ok: true }));
    const expected = (await plugin.inject({ url: "/x" })).headers;
    await plugin.close();

    const computed = securityHeaders(HELMET_OPTIONS);
    expect(Object.keys(computed).length).toBeGreaterThan(5);
    expect(computed["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(computed).toEqual(pick(expected, Object.keys(computed)));
    // nothing helmet sent is missing from the computed set
    const helmetNames = Object.keys(expected).filter(
      (n) => !["content-type", "content-length", "date", "connection", "keep-alive"].includes(n),
    );
    expect(Object.keys(computed).sort()).toEqual(helmetNames.sort());
  });

  it("go on route answers, 404s and errors", async () => {
    const app = Fastify();
    registerSecurityHeaders(app, securityHeaders(HELMET_OPTIONS));
    app.get("/ok", async () => ({ ok: true }));
    app.get("/boom", async () => {
      throw new Error("boom");
    });
    for (const url of ["/ok", "/missing", "/boom"]) {
      const response = await app.inject({ url });
      expect(response.headers["x-frame-options"], url).toBe("DENY");
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
      expect(String(response.headers["content-security-policy"]), url).toContain("script-src 'self'");
    }
    await app.close();
  });
});

// The request logger Fastify gets (src/api/lazy-logger.ts): a line written through it is the real child's
// line (request id bound, secrets redacted); a level that is off makes no child at all.
import { PassThrough } from "node:stream";
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it, vi } from "vitest";
import { lazyChildLogger } from "../../src/api/lazy-logger.js";
import { createLogger } from "../../src/config/logger.js";
import { settingsFrom } from "../../src/config/settings.js";

function capture(level: string) {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
  });
  const logger = createLogger(settingsFrom({ LOG_LEVEL: level, LOG_FORMAT: "json" }), { stream });
  return { logger: logger as unknown as FastifyBaseLogger, lines };
}

describe("the lazy request logger", () => {
  it("writes the real child's line: the request id bound, a password and a cookie redacted", async () => {
    const { logger, lines } = capture("info");
    const log = lazyChildLogger(logger, { reqId: "req-7" }, {});
    log.info({ body: { password: "hunter2" }, headers: { cookie: "maang_session=abc" } }, "signed in");
    log.warn("second line");
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ reqId: "req-7", msg: "signed in", body: { password: "[redacted]" } });
    expect(JSON.stringify(lines[0])).not.toContain("hunter2");
    expect(JSON.stringify(lines[0])).not.toContain("abc");
    expect(lines[1]).toMatchObject({ reqId: "req-7", msg: "second line" });
  });

  it("makes no child for lines below the level, and one for the first line above it", () => {
    const { logger } = capture("warn");
    const child = vi.spyOn(logger, "child");
    const log = lazyChildLogger(logger, { reqId: "req-8" }, {});
    log.info("incoming request");
    log.debug("details");
    expect(child).not.toHaveBeenCalled();
    expect(log.level).toBe("warn");
    log.error("failed");
    log.error("failed again");
    expect(child).toHaveBeenCalledTimes(1);
  });

  it("hands a route's own level or serializers to a real child at once", () => {
    const { logger } = capture("warn");
    const child = vi.spyOn(logger, "child");
    lazyChildLogger(logger, { reqId: "req-9" }, { level: "debug" });
    expect(child).toHaveBeenCalledWith({ reqId: "req-9" }, { level: "debug" });
  });
});

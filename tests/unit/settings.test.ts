import { describe, expect, it } from "vitest";
import { loadSettings, SettingsError } from "../../src/config/settings.js";

describe("settings", () => {
  it("gives the embedded defaults when nothing is set", () => {
    const s = loadSettings({});
    expect(s.server.port).toBe(3000);
    expect(s.database.url).toBeUndefined();
    expect(s.database.dataDir).toBe("./data");
    expect(s.redis.url).toBeUndefined();
    expect(s.embedding.provider).toBe("auto");
    expect(s.memory.contextTokens).toBe(1500);
  });

  it("parses typed values", () => {
    const s = loadSettings({
      PORT: "8080",
      DB_POOL_MAX: "20",
      TRUST_PROXY: "1",
      MCP_ALLOWED_HOSTS: "a.example, b.example",
    });
    expect(s.server.port).toBe(8080);
    expect(s.database.poolMax).toBe(20);
    expect(s.server.trustProxy).toBe(1);
    expect(s.mcp.allowedHosts).toEqual(["a.example", "b.example"]);
  });

  it("names every bad variable in one message, with what it expects", () => {
    let caught: unknown;
    try {
      loadSettings({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", ENCRYPTION_KEY: "abc" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    const message = (caught as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain("expected a whole number");
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("postgres://");
    expect(message).toContain("LOG_LEVEL");
    expect(message).toContain("ENCRYPTION_KEY");
    expect((caught as SettingsError).problems.map((p) => p.variable).sort()).toEqual([
      "DATABASE_URL",
      "ENCRYPTION_KEY",
      "LOG_LEVEL",
      "PORT",
    ]);
  });

  it("treats an empty optional value as unset", () => {
    expect(loadSettings({ DATABASE_URL: "", REDIS_URL: "" }).database.url).toBeUndefined();
  });

  it("returns frozen settings", () => {
    const s = loadSettings({});
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.database)).toBe(true);
  });
});

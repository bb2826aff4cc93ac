import { describe, expect, it } from "vitest";
import { isAllowedHost, isAllowedOrigin } from "../../src/mcp/http.js";

describe("MCP DNS-rebinding guards", () => {
  it("allows localhost hosts on any port, listed hosts and PUBLIC_URL's host; nothing else", () => {
    expect(isAllowedHost("localhost:3000", [])).toBe(true);
    expect(isAllowedHost("127.0.0.1:8123", [])).toBe(true);
    expect(isAllowedHost("[::1]:3000", [])).toBe(true);
    expect(isAllowedHost("maang.example.com", ["maang.example.com"])).toBe(true);
    expect(isAllowedHost("maang.example.com:8443", ["maang.example.com"])).toBe(true);
    expect(isAllowedHost("prep.example.org", [], "https://prep.example.org")).toBe(true);
    expect(isAllowedHost("evil.example", ["maang.example.com"])).toBe(false);
    expect(isAllowedHost("localhost.evil.example", [])).toBe(false);
    expect(isAllowedHost(undefined, [])).toBe(false);
  });

  it("allows no Origin (non-browser clients), localhost origins, listed ones and PUBLIC_URL's; nothing else", () => {
    expect(isAllowedOrigin(undefined, [])).toBe(true);
    expect(isAllowedOrigin("http://localhost:5173", [])).toBe(true);
    expect(isAllowedOrigin("https://app.example.com", ["https://app.example.com/"])).toBe(true);
    expect(isAllowedOrigin("https://prep.example.org", [], "https://prep.example.org/base")).toBe(true);
    expect(isAllowedOrigin("https://evil.example", ["https://app.example.com"])).toBe(false);
    expect(isAllowedOrigin("null", [])).toBe(false);
  });
});

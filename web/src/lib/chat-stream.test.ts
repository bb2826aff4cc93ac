import { describe, expect, it } from "vitest";
import { toChatEvent } from "./chat-stream";

describe("mentor stream events", () => {
  it("takes the type from the SSE event name or from the JSON body", () => {
    expect(toChatEvent("token", '{"text":"Hi"}')).toEqual({ type: "token", text: "Hi" });
    expect(toChatEvent("message", '{"type":"token","text":"Hi"}')).toEqual({ type: "token", text: "Hi" });
    expect(toChatEvent("done", '{"conversationId":3,"messageId":9,"offline":true}')).toMatchObject({
      type: "done",
      conversationId: 3,
    });
  });

  it("keeps plain-text tokens and drops unreadable events", () => {
    expect(toChatEvent("token", "plain words")).toEqual({ type: "token", text: "plain words" });
    expect(toChatEvent("message", "not json")).toBeUndefined();
    expect(toChatEvent("message", '{"no":"type"}')).toBeUndefined();
  });
});

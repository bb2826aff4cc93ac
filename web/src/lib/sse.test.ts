import { describe, expect, it } from "vitest";
import { SseParser } from "./sse";

describe("server-sent events parser", () => {
  it("joins events split across chunks and keeps the unfinished tail", () => {
    const parser = new SseParser();
    expect(parser.push('event: token\ndata: {"text":"Hel')).toEqual([]);
    expect(parser.push('lo"}\n\nevent: token\ndata: {"text":" you"}\n\nevent: do')).toEqual([
      { event: "token", data: '{"text":"Hello"}', id: undefined },
      { event: "token", data: '{"text":" you"}', id: undefined },
    ]);
    expect(parser.push("ne\ndata: {}\n\n")).toEqual([{ event: "done", data: "{}", id: undefined }]);
  });

  it("reads multi-line data, CRLF line ends, comments and a final event without a blank line", () => {
    const parser = new SseParser();
    expect(parser.push(": keep-alive\r\n\r\ndata: one\r\ndata: two\r\n\r\n")).toEqual([
      { event: "message", data: "one\ntwo", id: undefined },
    ]);
    parser.push("event: done\ndata: end");
    expect(parser.flush()).toEqual([{ event: "done", data: "end", id: undefined }]);
  });
});

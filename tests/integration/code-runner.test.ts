// The sandboxed runner: verdicts per available language, LeetCode template forms, and containment.
import { createServer, type Server } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodeRunner } from "../../src/services/code-runner/runner.js";
import type { Language, Signature } from "../../src/services/code-runner/types.js";

const REPO_PACKAGE_JSON = fileURLToPath(new URL("../../package.json", import.meta.url));
const runner = new CodeRunner({
  timeoutMs: 3000,
  memoryMb: 128,
  maxOutputBytes: 1_000_000,
  concurrency: 2,
  sandbox: "auto",
  unsandboxedAllowed: true,
});
afterAll(() => runner.dispose());
const twoSum: Signature = {
  kind: "function",
  name: "twoSum",
  params: [
    { name: "nums", type: "int[]" },
    { name: "target", type: "int" },
  ],
  returns: "int[]",
};
const cases = [
  { args: [[2, 7, 11, 15], 9], expected: [0, 1] },
  { args: [[3, 2, 4], 6], expected: [1, 2] },
  { args: [[3, 3], 6], expected: [0, 1] },
];

const SOLUTIONS: Record<Language, Record<"correct" | "wrong" | "slow" | "crash" | "broken", string>> = {
  javascript: {
    correct: `var twoSum = function(nums, target) {\n  const m = new Map();\n  for (let i = 0; i < nums.length; i++) {\n    if (m.has(target - nums[i])) return [m.get(target - nums[i]), i];\n    m.set(nums[i], i);\n  }\n};`,
    wrong: "var twoSum = function(nums, target) { return [0, 0]; };",
    slow: "var twoSum = function(nums, target) { while (true) {} };",
    crash: "var twoSum = function(nums, target) {\n  const x = null;\n  return x.length;\n};",
    broken: "var twoSum = function(nums, target) {\n  return [0, 1\n};",
  },
  typescript: {
    correct: `class Solution {\n  twoSum(nums: number[], target: number): number[] {\n    const m = new Map<number, number>();\n    for (let i = 0; i < nums.length; i++) {\n      const j = m.get(target - nums[i]);\n      if (j !== undefined) return [j, i];\n      m.set(nums[i], i);\n    }\n    return [];\n  }\n}`,
    wrong: "function twoSum(nums: number[], target: number): number[] { return [1, 1]; }",
    slow: "function twoSum(nums: number[], target: number): number[] { for (;;) {} }",
    crash: "function twoSum(nums: number[], target: number): number[] {\n  const o: any = undefined;\n  return o.x;\n}",
    broken: "function twoSum(nums: number[], target: number): number[] {\n  return [0, 1;\n}",
  },
  python: {
    correct:
      "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, n in enumerate(nums):\n            if target - n in seen:\n                return [seen[target - n], i]\n            seen[n] = i\n",
    wrong: "class Solution:\n    def twoSum(self, nums, target):\n        return [1, 0, 2]\n",
    slow: "class Solution:\n    def twoSum(self, nums, target):\n        while True:\n            pass\n",
    crash: "class Solution:\n    def twoSum(self, nums, target):\n        x = {}\n        return x['missing']\n",
    broken: "class Solution:\n    def twoSum(self, nums, target)\n        return [0, 1]\n",
  },
  java: {
    correct:
      "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        Map<Integer, Integer> m = new HashMap<>();\n        for (int i = 0; i < nums.length; i++) {\n            Integer j = m.get(target - nums[i]);\n            if (j != null) return new int[] { j, i };\n            m.put(nums[i], i);\n        }\n        return new int[0];\n    }\n}",
    wrong: "class Solution {\n    public int[] twoSum(int[] nums, int target) { return new int[] { 5, 5 }; }\n}",
    slow: "class Solution {\n    public int[] twoSum(int[] nums, int target) { while (true) {} }\n}",
    crash:
      "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        int[] a = new int[1];\n        return new int[] { a[5], 0 };\n    }\n}",
    broken:
      "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        return new int[] { 0, 1 }\n    }\n}",
  },
  cpp: {
    correct:
      "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        unordered_map<int, int> m;\n        for (int i = 0; i < (int)nums.size(); i++) {\n            auto it = m.find(target - nums[i]);\n            if (it != m.end()) return {it->second, i};\n            m[nums[i]] = i;\n        }\n        return {};\n    }\n};",
    wrong: "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) { return {9}; }\n};",
    slow: "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) { volatile int x = 0; while (true) { x++; } }\n};",
    crash:
      'class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        throw runtime_error("boom");\n    }\n};',
    broken:
      "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        return {0, 1}\n    }\n};",
  },
};

const available = runner
  .languages()
  .filter((l) => l.available)
  .map((l) => l.id);

describe.each(available)(
  "%s",
  (language) => {
    const run = (code: string) => runner.run({ language, code, signature: twoSum, cases, compare: "unordered" });

    it("accepts a correct solution written the LeetCode way", async () => {
      const report = await run(SOLUTIONS[language].correct);
      expect(report.error).toBeUndefined();
      expect(report.verdict).toBe("accepted");
      expect(report.passed).toBe(3);
      expect(report.cases[1]).toMatchObject({ status: "passed", expected: [1, 2], actual: [1, 2] });
    });

    it("reports a wrong answer with expected and actual values", async () => {
      const report = await run(SOLUTIONS[language].wrong);
      expect(report.verdict, JSON.stringify(report).slice(0, 600)).toBe("wrong_answer");
      expect(report.passed).toBe(0);
      expect(report.cases[0].status).toBe("failed");
      expect(report.cases[0].expected).toEqual([0, 1]);
    });

    it("stops an infinite loop with a timeout", async () => {
      const report = await run(SOLUTIONS[language].slow);
      expect(report.verdict).toBe("timeout");
      expect(report.error?.message).toMatch(/Time limit exceeded/);
    });

    it("reports a runtime error with its message", async () => {
      const report = await run(SOLUTIONS[language].crash);
      expect(report.verdict).toBe("runtime_error");
      expect(report.error?.message).toMatch(/TypeError|KeyError|ArrayIndexOutOfBounds|boom/);
    });

    it("reports a compile error with the line number", async () => {
      const report = await run(SOLUTIONS[language].broken);
      expect(report.verdict).toBe("compile_error");
      expect(report.error?.line).toBeGreaterThanOrEqual(2);
      // g++ and javac may point at the token after the mistake
      expect(report.error?.line).toBeLessThanOrEqual(5);
    });
  },
  120_000,
);

describe("LeetCode template forms", () => {
  const forms: [Language, string][] = [
    ["javascript", "function twoSum(nums, target) { return [0, 1]; }"],
    ["javascript", "const twoSum = (nums, target) => [0, 1];"],
    ["typescript", "function twoSum(nums: number[], target: number): number[] { return [0, 1]; }"],
    ["python", "def twoSum(nums, target):\n    return [0, 1]\n"],
  ];
  it.each(forms)("accepts %s: %s", async (language, code) => {
    const report = await runner.run({ language, code, signature: twoSum, cases: [cases[0]] });
    expect(report.verdict).toBe("accepted");
  });

  it("says which function it looked for when there is none", async () => {
    const report = await runner.run({
      language: "javascript",
      code: "function add(a, b) { return a + b; }",
      signature: twoSum,
      cases,
    });
    expect(report.verdict).toBe("compile_error");
    expect(report.error?.message).toMatch(/No function twoSum/);
  });
});

describe("containment", () => {
  const probe: Signature = {
    kind: "function",
    name: "probe",
    params: [{ name: "x", type: "string" }],
    returns: "string",
  };
  const js = (body: string) =>
    runner.run({
      language: "javascript",
      code: `function probe(x) {\n${body}\n}`,
      signature: probe,
      cases: [{ args: [""] }],
      custom: true,
    });
  const py = (body: string) =>
    runner.run({
      language: "python",
      code: `def probe(x):\n${body
        .split("\n")
        .map((l) => `    ${l}`)
        .join("\n")}\n`,
      signature: probe,
      cases: [{ args: [""] }],
      custom: true,
    });
  let server: Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    process.env.MAANG_RUNNER_TEST_SECRET = "s3cr3t-value";
    server = createServer((socket) => {
      connections++;
      socket.end("hello");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("sandboxes with bubblewrap on this machine (or warns why not)", () => {
    const caps = runner.capabilities();
    if (caps.isolation !== "bwrap") expect(caps.warning).toMatch(/No sandbox/);
    else expect(caps.warning).toBeUndefined();
  });

  it("stops a memory bomb with a memory-limit verdict", async () => {
    const report = await js("const a = []; while (true) a.push(new Array(1e6).fill(1));");
    expect(report.verdict).toBe("memory_limit");
  }, 30_000);

  it("stops a Python memory bomb too", async () => {
    const report = await py("a = []\nwhile True:\n    a.append(bytearray(10**7))");
    expect(report.verdict).toBe("memory_limit");
  }, 30_000);

  it("stops printing 100 MB at the output cap", async () => {
    const report = await js("for (let i = 0; i < 100; i++) console.log('x'.repeat(1024 * 1024)); return 'done';");
    expect(report.verdict).toBe("output_limit");
    const pyReport = await py("print('x' * 100_000_000)\nreturn 'done'");
    // Python builds the 100 MB string first: at 128 MB the memory limit may stop it before the output cap
    expect(["output_limit", "memory_limit"]).toContain(pyReport.verdict);
  }, 60_000);

  it("contains a fork loop: the run ends within its time limit", async () => {
    const started = Date.now();
    const report = await py("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass");
    expect(["timeout", "runtime_error"]).toContain(report.verdict);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it("gives the code an empty environment: no server variable is visible", async () => {
    const report = await js("return JSON.stringify(process.env);");
    expect(report.cases[0].actual).toBe("{}");
    const pyReport = await py("import os\nreturn repr(dict(os.environ))");
    expect(String(pyReport.cases[0].actual)).not.toContain("s3cr3t-value");
    expect(String(pyReport.cases[0].actual)).not.toContain("DATABASE_URL");
  }, 30_000);

  it("hides the server's files", async () => {
    const report = await py(
      `try:\n    return open(${JSON.stringify(REPO_PACKAGE_JSON)}).read()[:50]\nexcept Exception as e:\n    return 'denied: ' + type(e).__name__`,
    );
    expect(String(report.cases[0].actual)).toMatch(/^denied/);
    if (runner.capabilities().isolation === "bwrap") {
      const passwd = await py("import os\nreturn str(os.path.exists('/etc/passwd'))");
      expect(passwd.cases[0].actual).toBe("False");
    }
  }, 30_000);

  it("has no network: connecting to a local server fails", async () => {
    const report = await py(
      `import socket\ns = socket.create_connection(("127.0.0.1", ${port}), timeout=2)\nreturn s.recv(10).decode()`,
    );
    expect(report.cases[0].status).toBe("error");
    const jsReport = await js(`const net = require("node:net"); return "unreachable";`);
    expect(jsReport.cases[0].status).toBe("error"); // require is not even there
    expect(connections).toBe(0);
  }, 30_000);
});

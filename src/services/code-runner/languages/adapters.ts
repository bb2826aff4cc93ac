// How each language is detected, laid out in the work dir, compiled and started inside the sandbox.
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { SandboxLimits } from "../sandbox.js";
import type { Language, Signature, TestCase } from "../types.js";
import { cppCallBody, javaCallBody } from "./codegen.js";

const HARNESS_DIR = fileURLToPath(new URL("../harness/", import.meta.url));
const harnessFile = (name: string) => readFileSync(`${HARNESS_DIR}${name}`, "utf8");
const MB = 1024 * 1024;
/**
 * Toolchains are looked up on the system directories only, never the runner's own PATH: a toolchain under a
 * home directory (pyenv, nvm) is unreadable to the sandbox's unprivileged uid.
 */
const SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";
/** Every C++ compile and the precompiled header use the same flags (a PCH built with others is ignored). */
export const CPP_FLAGS = ["-std=c++17", "-O2"];
/** Start-up allowance of the runtimes that start in well under a second when the server is idle. */
const STARTUP_MS = 5000;

export interface Toolchain {
  version: string;
  /** executables by role, absolute */
  bin: Record<string, string>;
  /** install directories the sandbox must keep visible */
  reveal: string[];
}

export interface PreparedRun {
  files: Record<string, string>;
  compile?: { command: string[]; limits: Partial<SandboxLimits> };
  run: { command: string[]; limits: Partial<SandboxLimits> };
  /** lines the adapter added before the user's code in the compiled file */
  lineOffset: number;
  /** maps a line of the file that ran to the user's line (TypeScript's emitted JS) */
  mapLine?: (line: number) => number | undefined;
}

export interface PrepareInput {
  code: string;
  signature: Signature;
  cases: TestCase[];
  nonce: string;
  memoryMb: number;
  /** JavaScript's fallback containment when there is no sandbox */
  nodePermissions: boolean;
  /** the work dir as the code sees it */
  workDir: string;
  /** a directory holding bits/stdc++.h.gch, as the compiler sees it */
  precompiledHeaderDir?: string;
}

export interface LanguageAdapter {
  language: Language;
  label: string;
  /**
   * Wall-clock time the runtime may take to start in its sandbox (bwrap included) before the time limit
   * starts counting: the limit is the code's, and a loaded server can stretch a runtime's start by seconds.
   */
  startupMs: number;
  detect(): Toolchain | undefined;
  prepare(input: PrepareInput, tool: Toolchain): Promise<PreparedRun>;
  /** file name and line of a compiler diagnostic */
  compileError(output: string): { message: string; line?: number };
}

function which(cmd: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8", env: { PATH: SYSTEM_PATH } });
  if (r.status !== 0 || !r.stdout.trim()) return undefined;
  try {
    return realpathSync(r.stdout.trim());
  } catch {
    return undefined;
  }
}

const casesJson = (input: PrepareInput) =>
  JSON.stringify({ nonce: input.nonce, signature: input.signature, cases: input.cases.map((c) => ({ args: c.args })) });
/** One line per case, for the compiled harnesses: line 1 the nonce, then each case's args array. */
const casesText = (input: PrepareInput) => [input.nonce, ...input.cases.map((c) => JSON.stringify(c.args))].join("\n");

function nodeCommand(input: PrepareInput): string[] {
  const permission = input.nodePermissions
    ? ["--experimental-permission", `--allow-fs-read=${input.workDir}`, "--no-warnings"]
    : [];
  return [process.execPath, `--max-old-space-size=${input.memoryMb}`, "--stack-size=4000", ...permission, "harness.js"];
}
// V8 reserves far more address space than it uses, so JavaScript is held by its heap flag plus RLIMIT_DATA
// (which counts committed heap, buffers and stacks) with room for the runtime itself.
const nodeLimits = (memoryMb: number): Partial<SandboxLimits> => ({ dataBytes: (memoryMb + 768) * MB, processes: 64 });
const nodeToolchain = (): Toolchain => ({
  version: process.version,
  bin: { node: process.execPath },
  reveal: [dirname(dirname(process.execPath))],
});

export const javascript: LanguageAdapter = {
  language: "javascript",
  label: "JavaScript (Node.js)",
  startupMs: STARTUP_MS,
  detect: nodeToolchain,
  async prepare(input) {
    return {
      files: { "solution.js": input.code, "harness.js": harnessFile("harness.js"), "cases.json": casesJson(input) },
      run: { command: nodeCommand(input), limits: nodeLimits(input.memoryMb) },
      lineOffset: 0,
    };
  },
  compileError: (output) => ({ message: output.trim().split("\n")[0] ?? "syntax error" }),
};

export class TypeScriptCompileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export const typescript: LanguageAdapter = {
  language: "typescript",
  label: "TypeScript (types stripped by esbuild, run on Node.js)",
  startupMs: STARTUP_MS,
  detect() {
    try {
      const version = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve("esbuild/package.json")), "utf8")) as {
        version: string;
      };
      return { ...nodeToolchain(), version: `${process.version}, esbuild ${version.version}` };
    } catch {
      return undefined;
    }
  },
  async prepare(input) {
    const { transform } = await import("esbuild");
    let result: { code: string; map: string };
    try {
      result = await transform(input.code, {
        loader: "ts",
        sourcemap: "external",
        sourcefile: "solution.ts",
        target: "node20",
      });
    } catch (error) {
      const first = (error as { errors?: { text: string; location?: { line: number } }[] }).errors?.[0];
      throw new TypeScriptCompileError(first ? first.text : (error as Error).message, first?.location?.line);
    }
    const lines = sourceMapLines(result.map);
    return {
      files: { "solution.js": result.code, "harness.js": harnessFile("harness.js"), "cases.json": casesJson(input) },
      run: { command: nodeCommand(input), limits: nodeLimits(input.memoryMb) },
      lineOffset: 0,
      mapLine: (line) => lines.get(line),
    };
  },
  compileError: (output) => ({ message: output }),
};

export const python: LanguageAdapter = {
  language: "python",
  label: "Python 3",
  startupMs: STARTUP_MS,
  detect() {
    const r = spawnSync(
      "python3",
      ["-c", "import sys, json; print(json.dumps([sys.executable, sys.prefix, sys.version.split()[0]]))"],
      { encoding: "utf8", timeout: 10_000, env: { PATH: SYSTEM_PATH } },
    );
    if (r.status !== 0) return undefined;
    const [executable, prefix, version] = JSON.parse(r.stdout) as [string, string, string];
    return { version, bin: { python: executable }, reveal: [prefix] };
  },
  async prepare(input, tool) {
    return {
      files: { "solution.py": input.code, "harness.py": harnessFile("harness.py"), "cases.json": casesJson(input) },
      run: {
        command: [tool.bin.python, "-I", "-S", "-B", "harness.py"],
        limits: { addressSpaceBytes: (input.memoryMb + 64) * MB, processes: 64 },
      },
      lineOffset: 0,
    };
  },
  compileError: (output) => ({ message: output }),
};

const JAVA_PRELUDE = "import java.util.*; import java.util.stream.*; import java.util.function.*;\n";

export const java: LanguageAdapter = {
  language: "java",
  label: "Java",
  // ~0.5 s of CPU on several threads before main(); on two busy cores that has taken over 3 s of wall time.
  startupMs: 15_000,
  detect() {
    const javac = which("javac");
    const javaBin = which("java");
    if (!javac || !javaBin) return undefined;
    const r = spawnSync(javac, ["-version"], { encoding: "utf8", timeout: 20_000 });
    if (r.status !== 0) return undefined;
    return {
      version: (r.stdout || r.stderr).trim(),
      bin: { javac, java: javaBin },
      reveal: [dirname(dirname(javaBin))],
    };
  },
  async prepare(input, tool) {
    const primary = input.signature.kind === "design" ? input.signature.className : "Solution";
    const main = harnessFile("Main.java")
      .replace("/*CALL*/", javaCallBody(input.signature))
      .replaceAll("/*FILE*/", `${primary}.java`);
    const jvm = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto"];
    return {
      files: {
        [`${primary}.java`]: JAVA_PRELUDE + input.code,
        "Main.java": main,
        "J.java": harnessFile("Json.java"),
        "cases.txt": casesText(input),
      },
      compile: {
        command: [
          tool.bin.javac,
          "-J-Xmx512m",
          ...jvm.map((f) => `-J${f}`),
          "-encoding",
          "UTF-8",
          "-nowarn",
          "-d",
          ".",
          `${primary}.java`,
          "Main.java",
          "J.java",
        ],
        limits: { processes: 256, timeoutMs: 60_000 },
      },
      run: {
        command: [tool.bin.java, `-Xmx${input.memoryMb}m`, "-Xss256m", ...jvm, "-cp", ".", "Main"],
        limits: { processes: 256 },
      },
      lineOffset: 1,
    };
  },
  compileError(output) {
    const m = /^(\w+)\.java:(\d+): error: (.*)$/m.exec(output);
    if (!m) return { message: output.trim().split("\n").slice(0, 3).join(" ") };
    const inUserFile = m[1] !== "Main" && m[1] !== "J";
    return {
      message: inUserFile
        ? `error: ${m[3]}`
        : `error in the generated harness (does your code define the expected class and method signature?): ${m[3]}`,
      line: inUserFile ? Number(m[2]) - 1 : undefined,
    };
  },
};

export const cpp: LanguageAdapter = {
  language: "cpp",
  label: "C++17 (g++)",
  startupMs: STARTUP_MS,
  detect() {
    const gxx = which("g++");
    if (!gxx) return undefined;
    const r = spawnSync(gxx, ["--version"], { encoding: "utf8", timeout: 10_000 });
    if (r.status !== 0) return undefined;
    // The header the precompiled one is built from: the first bits/stdc++.h g++ would include.
    const probe = spawnSync(gxx, [...CPP_FLAGS, "-x", "c++", "-H", "-fsyntax-only", "-"], {
      input: "#include <bits/stdc++.h>\n",
      encoding: "utf8",
      timeout: 30_000,
      env: { PATH: SYSTEM_PATH },
    });
    const header = /^\. (\S+bits\/stdc\+\+\.h)$/m.exec(probe.stderr ?? "")?.[1];
    return {
      version: r.stdout.split("\n")[0] ?? "g++",
      bin: { gxx, ...(header ? { stdcppHeader: header } : {}) },
      reveal: [],
    };
  },
  async prepare(input, tool) {
    const source = `${harnessFile("json.hpp")}\n#line 1 "solution.cpp"\n${input.code}\n#line 1 "harness.cpp"\n${harnessFile("main.cpp").replace("/*CALL*/", cppCallBody(input.signature))}`;
    return {
      files: { "main.cpp": source, "cases.txt": casesText(input) },
      compile: {
        // g++ finds `as` and `ld` through PATH; PATH holds nothing secret.
        command: [
          "/usr/bin/env",
          "PATH=/usr/local/bin:/usr/bin:/bin",
          tool.bin.gxx,
          ...CPP_FLAGS,
          ...(input.precompiledHeaderDir ? ["-I", input.precompiledHeaderDir] : []),
          "-pipe",
          "-w",
          "-o",
          "main",
          "main.cpp",
        ],
        limits: { addressSpaceBytes: 2048 * MB, processes: 64, timeoutMs: 60_000 },
      },
      run: { command: ["./main"], limits: { addressSpaceBytes: (input.memoryMb + 32) * MB, processes: 64 } },
      lineOffset: 0,
    };
  },
  compileError(output) {
    const m = /^(solution|harness)\.cpp:(\d+):(?:\d+:)? (?:fatal )?error: (.*)$/m.exec(output);
    if (!m) return { message: output.trim().split("\n").slice(0, 3).join(" ") };
    return m[1] === "solution"
      ? { message: `error: ${m[3]}`, line: Number(m[2]) }
      : {
          message: `error in the generated harness (does your code define the expected class and method signature?): ${m[3]}`,
        };
  },
};

export const ADAPTERS: Record<Language, LanguageAdapter> = { javascript, typescript, python, java, cpp };

// ---- a minimal source-map reader: generated line → original line (first mapped segment of the line)
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function sourceMapLines(mapJson: string): Map<number, number> {
  const out = new Map<number, number>();
  const { mappings } = JSON.parse(mapJson) as { mappings: string };
  let originalLine = 0;
  const state = [0, 0, 0, 0];
  mappings.split(";").forEach((lineText, generatedIndex) => {
    state[0] = 0;
    for (const segment of lineText.split(",")) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      state[0] += values[0] ?? 0;
      if (values.length >= 4) {
        state[1] += values[1];
        state[2] += values[2];
        originalLine = state[2];
        if (!out.has(generatedIndex + 1)) out.set(generatedIndex + 1, originalLine + 1);
      }
    }
  });
  return out;
}

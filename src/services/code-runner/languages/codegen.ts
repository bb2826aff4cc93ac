// Per-signature call code for the compiled languages: how each neutral type is declared and decoded.
import type { DesignSignature, FunctionSignature, Param, Signature, ValueType } from "../types.js";

const JAVA: Record<Exclude<ValueType, "void">, [string, string]> = {
  int: ["int", "J.toInt"],
  long: ["long", "J.toLong"],
  double: ["double", "J.toDouble"],
  bool: ["boolean", "J.toBool"],
  string: ["String", "J.toStr"],
  "int[]": ["int[]", "J.toIntArray"],
  "int[][]": ["int[][]", "J.toIntMatrix"],
  "string[]": ["String[]", "J.toStringArray"],
  "string[][]": ["String[][]", "J.toStringMatrix"],
  "char[][]": ["char[][]", "J.toCharMatrix"],
  "list<int>": ["List<Integer>", "J.toIntList"],
  "list<string>": ["List<String>", "J.toStringList"],
  "list<list<int>>": ["List<List<Integer>>", "J.toIntListList"],
  "list<list<string>>": ["List<List<String>>", "J.toStringListList"],
  ListNode: ["ListNode", "J.toListNode"],
  TreeNode: ["TreeNode", "J.toTree"],
};

const CPP: Record<Exclude<ValueType, "void">, [string, string]> = {
  int: ["int", "maang::toInt"],
  long: ["long long", "maang::toLong"],
  double: ["double", "maang::toDouble"],
  bool: ["bool", "maang::toBool"],
  string: ["string", "maang::toStr"],
  "int[]": ["vector<int>", "maang::toVecInt"],
  "int[][]": ["vector<vector<int>>", "maang::toVecVecInt"],
  "string[]": ["vector<string>", "maang::toVecStr"],
  "string[][]": ["vector<vector<string>>", "maang::toVecVecStr"],
  "char[][]": ["vector<vector<char>>", "maang::toVecVecChar"],
  "list<int>": ["vector<int>", "maang::toVecInt"],
  "list<string>": ["vector<string>", "maang::toVecStr"],
  "list<list<int>>": ["vector<vector<int>>", "maang::toVecVecInt"],
  "list<list<string>>": ["vector<vector<string>>", "maang::toVecVecStr"],
  ListNode: ["ListNode*", "maang::toListNode"],
  TreeNode: ["TreeNode*", "maang::toTree"],
};

const JS: Record<ValueType, string> = {
  int: "number",
  long: "number",
  double: "number",
  bool: "boolean",
  string: "string",
  "int[]": "number[]",
  "int[][]": "number[][]",
  "string[]": "string[]",
  "string[][]": "string[][]",
  "char[][]": "string[][]",
  "list<int>": "number[]",
  "list<string>": "string[]",
  "list<list<int>>": "number[][]",
  "list<list<string>>": "string[][]",
  ListNode: "ListNode | null",
  TreeNode: "TreeNode | null",
  void: "void",
};

const PY: Record<ValueType, string> = {
  int: "int",
  long: "int",
  double: "float",
  bool: "bool",
  string: "str",
  "int[]": "List[int]",
  "int[][]": "List[List[int]]",
  "string[]": "List[str]",
  "string[][]": "List[List[str]]",
  "char[][]": "List[List[str]]",
  "list<int>": "List[int]",
  "list<string>": "List[str]",
  "list<list<int>>": "List[List[int]]",
  "list<list<string>>": "List[List[str]]",
  ListNode: "Optional[ListNode]",
  TreeNode: "Optional[TreeNode]",
  void: "None",
};

const javaDecl = (t: ValueType) => (t === "void" ? "void" : JAVA[t][0]);
const cppDecl = (t: ValueType) => (t === "void" ? "void" : CPP[t][0]);

function javaArgs(params: Param[], source: string): string {
  return params.map((p, i) => `${JAVA[p.type as Exclude<ValueType, "void">][1]}(${source}.get(${i}))`).join(", ");
}

export function javaCallBody(signature: Signature): string {
  if (signature.kind === "function") {
    const call = `new Solution().${signature.name}(${javaArgs(signature.params, "args")})`;
    return signature.returns === "void" ? `${call};\n    return null;` : `return ${call};`;
  }
  const d = signature;
  const cases = d.methods
    .map((m) => {
      const call = `obj.${m.name}(${javaArgs(m.params, "p")})`;
      return m.returns === "void"
        ? `case ${JSON.stringify(m.name)}: ${call}; out.add(null); break;`
        : `case ${JSON.stringify(m.name)}: out.add(${call}); break;`;
    })
    .join("\n        ");
  return `List<Object> ops = J.list(args.get(0));
    List<Object> ps = J.list(args.get(1));
    List<Object> out = new ArrayList<>();
    ${d.className} obj = null;
    for (int k = 0; k < ops.size(); k++) {
      String op = (String) ops.get(k);
      List<Object> p = J.list(ps.get(k));
      if (k == 0) { obj = new ${d.className}(${javaArgs(d.constructorParams, "p")}); out.add(null); continue; }
      switch (op) {
        ${cases}
        default: throw new IllegalArgumentException("unknown operation " + op);
      }
    }
    return out;`;
}

function cppLocals(params: Param[], source: string, prefix: string): string {
  return params
    .map((p, i) => `auto ${prefix}${i} = ${CPP[p.type as Exclude<ValueType, "void">][1]}(${source}.a[${i}]);`)
    .join(" ");
}
const cppNames = (params: Param[], prefix: string) => params.map((_, i) => `${prefix}${i}`).join(", ");

export function cppCallBody(signature: Signature): string {
  if (signature.kind === "function") {
    const call = `sol.${signature.name}(${cppNames(signature.params, "a")})`;
    return `${cppLocals(signature.params, "args", "a")}
    Solution sol;
    ${signature.returns === "void" ? `${call}; return "null";` : `auto r = ${call}; return maang::js(r);`}`;
  }
  const d = signature;
  const branches = d.methods
    .map((m) => {
      const call = `obj->${m.name}(${cppNames(m.params, "a")})`;
      const body = m.returns === "void" ? `${call}; out.push_back("null");` : `out.push_back(maang::js(${call}));`;
      return `if (op == ${JSON.stringify(m.name)}) { ${cppLocals(m.params, "p", "a")} ${body} }`;
    })
    .join("\n      else ");
  return `const auto &ops = args.a[0].a;
    const auto &ps = args.a[1].a;
    vector<string> out;
    ${d.className} *obj = nullptr;
    for (size_t k = 0; k < ops.size(); k++) {
      const string &op = ops[k].s;
      const auto &p = ps[k];
      if (k == 0) { ${cppLocals(d.constructorParams, "p", "c")} obj = new ${d.className}(${cppNames(d.constructorParams, "c")}); out.push_back("null"); continue; }
      ${branches}
      else throw runtime_error("unknown operation " + op);
    }
    string o = "[";
    for (size_t i = 0; i < out.size(); i++) { if (i) o += ","; o += out[i]; }
    return o + "]";`;
}

/** Starter code per language, in LeetCode's template style. */
export function starterCode(signature: Signature): Record<string, string> {
  if (signature.kind === "function") return functionStarters(signature);
  return designStarters(signature);
}

function functionStarters(s: FunctionSignature): Record<string, string> {
  const names = s.params.map((p) => p.name);
  return {
    javascript: `/**\n${s.params.map((p) => ` * @param {${JS[p.type]}} ${p.name}`).join("\n")}\n * @return {${JS[s.returns]}}\n */\nvar ${s.name} = function(${names.join(", ")}) {\n    \n};`,
    typescript: `function ${s.name}(${s.params.map((p) => `${p.name}: ${JS[p.type]}`).join(", ")}): ${JS[s.returns]} {\n    \n};`,
    python: `class Solution:\n    def ${s.name}(self${s.params.map((p) => `, ${p.name}: ${PY[p.type]}`).join("")}) -> ${PY[s.returns]}:\n        `,
    java: `class Solution {\n    public ${javaDecl(s.returns)} ${s.name}(${s.params.map((p) => `${javaDecl(p.type)} ${p.name}`).join(", ")}) {\n        \n    }\n}`,
    cpp: `class Solution {\npublic:\n    ${cppDecl(s.returns)} ${s.name}(${s.params.map((p) => `${cppParam(p.type)} ${p.name}`).join(", ")}) {\n        \n    }\n};`,
  };
}

function cppParam(t: ValueType): string {
  const decl = cppDecl(t);
  return decl.startsWith("vector") || decl === "string" ? `${decl}&` : decl;
}

function designStarters(d: DesignSignature): Record<string, string> {
  const ctor = d.constructorParams;
  return {
    javascript: `/**\n * @param {${ctor.map((p) => JS[p.type]).join(", ")}} ${ctor.map((p) => p.name).join(", ")}\n */\nvar ${d.className} = function(${ctor.map((p) => p.name).join(", ")}) {\n    \n};\n${d.methods
      .map(
        (m) => `\n${d.className}.prototype.${m.name} = function(${m.params.map((p) => p.name).join(", ")}) {\n    \n};`,
      )
      .join("\n")}`,
    typescript: `class ${d.className} {\n    constructor(${ctor.map((p) => `${p.name}: ${JS[p.type]}`).join(", ")}) {\n    }\n${d.methods
      .map(
        (m) =>
          `\n    ${m.name}(${m.params.map((p) => `${p.name}: ${JS[p.type]}`).join(", ")}): ${JS[m.returns]} {\n    }`,
      )
      .join("\n")}\n}`,
    python: `class ${d.className}:\n    def __init__(self${ctor.map((p) => `, ${p.name}: ${PY[p.type]}`).join("")}):\n        \n${d.methods
      .map(
        (m) =>
          `\n    def ${m.name}(self${m.params.map((p) => `, ${p.name}: ${PY[p.type]}`).join("")}) -> ${PY[m.returns]}:\n        `,
      )
      .join("\n")}`,
    java: `class ${d.className} {\n    public ${d.className}(${ctor.map((p) => `${javaDecl(p.type)} ${p.name}`).join(", ")}) {\n    }\n${d.methods
      .map(
        (m) =>
          `\n    public ${javaDecl(m.returns)} ${m.name}(${m.params.map((p) => `${javaDecl(p.type)} ${p.name}`).join(", ")}) {\n    }`,
      )
      .join("\n")}\n}`,
    cpp: `class ${d.className} {\npublic:\n    ${d.className}(${ctor.map((p) => `${cppParam(p.type)} ${p.name}`).join(", ")}) {\n    }\n${d.methods
      .map(
        (m) =>
          `\n    ${cppDecl(m.returns)} ${m.name}(${m.params.map((p) => `${cppParam(p.type)} ${p.name}`).join(", ")}) {\n    }`,
      )
      .join("\n")}\n};`,
  };
}

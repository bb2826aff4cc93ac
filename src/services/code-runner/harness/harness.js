// Runs inside the sandbox: loads solution.js, calls it once per case from cases.json, prints one
// `<nonce>{json}` line per case. Values are converted (ListNode, TreeNode) here; the parent compares.

const fs = require("node:fs");
const vm = require("node:vm");

const spec = JSON.parse(fs.readFileSync("cases.json", "utf8"));
const realWrite = process.stdout.write.bind(process.stdout);
const emit = (o) => realWrite(`\n${spec.nonce}${JSON.stringify(o)}\n`);

function ListNode(val, next) {
  this.val = val === undefined ? 0 : val;
  this.next = next === undefined ? null : next;
}
function TreeNode(val, left, right) {
  this.val = val === undefined ? 0 : val;
  this.left = left === undefined ? null : left;
  this.right = right === undefined ? null : right;
}
globalThis.ListNode = ListNode;
globalThis.TreeNode = TreeNode;

function toList(a) {
  let head = null;
  for (let i = (a || []).length - 1; i >= 0; i--) head = new ListNode(a[i], head);
  return head;
}
function fromList(n) {
  const out = [];
  for (let steps = 0; n && steps < 100000; steps++, n = n.next) out.push(n.val);
  return out;
}
function toTree(a) {
  if (!a || a.length === 0 || a[0] === null) return null;
  const root = new TreeNode(a[0]);
  const queue = [root];
  let i = 1;
  for (let q = 0; q < queue.length && i < a.length; q++) {
    const node = queue[q];
    if (i < a.length && a[i] !== null) {
      node.left = new TreeNode(a[i]);
      queue.push(node.left);
    }
    i++;
    if (i < a.length && a[i] !== null) {
      node.right = new TreeNode(a[i]);
      queue.push(node.right);
    }
    i++;
  }
  return root;
}
function fromTree(root) {
  const out = [];
  const queue = [root];
  for (let q = 0; q < queue.length && out.length < 100000; q++) {
    const node = queue[q];
    if (!node) {
      out.push(null);
      continue;
    }
    out.push(node.val);
    queue.push(node.left, node.right);
  }
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}
const decode = (v, t) => (t === "ListNode" ? toList(v) : t === "TreeNode" ? toTree(v) : v);
function encode(v, t) {
  if (t === "ListNode") return fromList(v);
  if (t === "TreeNode") return fromTree(v);
  if (v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Set) return [...v];
  return v;
}

let printed = "";
const show = (x) => {
  if (typeof x === "string") return x;
  try {
    return JSON.stringify(x);
  } catch {
    return String(x);
  }
};
// Output beyond what a case report keeps goes to stderr, where the parent's output cap counts it.
console.log = (...a) => {
  const text = `${a.map(show).join(" ")}\n`;
  const room = Math.max(0, 4096 - printed.length);
  printed += text.slice(0, room);
  if (text.length > room) process.stderr.write(text.slice(room));
};
console.error = console.info = console.warn = console.debug = console.log;

function lineOf(error) {
  const m = /solution\.js:(\d+)/.exec(String(error?.stack));
  return m ? Number(m[1]) : undefined;
}
function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `thrown: ${show(error)}`;
}

const sig = spec.signature;
const lookupName = sig.kind === "design" ? sig.className : sig.name;
const footer = `\n;(() => ({ named: typeof ${lookupName} !== "undefined" ? ${lookupName} : undefined, Solution: typeof Solution !== "undefined" ? Solution : undefined }))()`;
// The runtime is up: the time limit counts from here (the runner waits for exactly this text).
emit({ started: true });
let found;
try {
  found = vm.runInThisContext(fs.readFileSync("solution.js", "utf8") + footer, { filename: "solution.js" });
} catch (error) {
  if (error instanceof SyntaxError) emit({ compileError: `SyntaxError: ${error.message}`, line: lineOf(error) });
  else emit({ fatal: describe(error), line: lineOf(error) });
  process.exit(0);
}

let target;
if (sig.kind === "function") {
  if (typeof found.Solution === "function") {
    try {
      const instance = new found.Solution();
      if (typeof instance[sig.name] === "function") target = instance[sig.name].bind(instance);
    } catch {}
  }
  if (!target && typeof found.named === "function") target = found.named;
  if (!target) {
    emit({
      compileError: `No function ${sig.name} found: define \`function ${sig.name}(…)\` or \`class Solution { ${sig.name}(…) }\`.`,
    });
    process.exit(0);
  }
} else if (typeof found.named !== "function") {
  emit({ compileError: `No class ${sig.className} found: define \`class ${sig.className} { … }\`.` });
  process.exit(0);
}

function runCase(args) {
  if (sig.kind === "function") {
    const decoded = sig.params.map((p, i) => decode(args[i], p.type));
    return encode(target(...decoded), sig.returns);
  }
  const [ops, params] = args;
  const out = [];
  let obj;
  for (let k = 0; k < ops.length; k++) {
    if (k === 0) {
      obj = new found.named(...sig.constructorParams.map((p, i) => decode(params[0][i], p.type)));
      out.push(null);
      continue;
    }
    const method = sig.methods.find((m) => m.name === ops[k]);
    if (!method) throw new Error(`unknown operation ${ops[k]}`);
    if (typeof obj[ops[k]] !== "function") throw new TypeError(`${sig.className}.${ops[k]} is not a function`);
    const r = obj[ops[k]](...method.params.map((p, i) => decode(params[k][i], p.type)));
    out.push(method.returns === "void" ? null : encode(r, method.returns));
  }
  return out;
}

spec.cases.forEach((c, i) => {
  printed = "";
  const args = JSON.parse(JSON.stringify(c.args));
  const start = performance.now();
  try {
    const actual = runCase(args);
    const ms = performance.now() - start;
    emit({ i, actual, stdout: printed, ms });
  } catch (error) {
    emit({ i, error: describe(error), line: lineOf(error), stdout: printed, ms: performance.now() - start });
  }
});
emit({ done: true });

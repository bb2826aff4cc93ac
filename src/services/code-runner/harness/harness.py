# Runs inside the sandbox: loads solution.py, calls it once per case from cases.json, prints one
# `<nonce>{json}` line per case. LeetCode's implicit imports (List, Optional, collections, heapq…) are given.
import io
import json
import sys
import time
import traceback

sys.setrecursionlimit(20000)
spec = json.load(open("cases.json"))
real_stdout = sys.stdout


def emit(o):
    real_stdout.write("\n" + spec["nonce"] + json.dumps(o) + "\n")
    real_stdout.flush()


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


def to_list(a):
    head = None
    for v in reversed(a or []):
        head = ListNode(v, head)
    return head


def from_list(n):
    out = []
    while n is not None and len(out) < 100000:
        out.append(n.val)
        n = n.next
    return out


def to_tree(a):
    if not a or a[0] is None:
        return None
    root = TreeNode(a[0])
    queue = [root]
    i = 1
    q = 0
    while q < len(queue) and i < len(a):
        node = queue[q]
        q += 1
        if i < len(a) and a[i] is not None:
            node.left = TreeNode(a[i])
            queue.append(node.left)
        i += 1
        if i < len(a) and a[i] is not None:
            node.right = TreeNode(a[i])
            queue.append(node.right)
        i += 1
    return root


def from_tree(root):
    out = []
    queue = [root]
    q = 0
    while q < len(queue) and len(out) < 100000:
        node = queue[q]
        q += 1
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def decode(v, t):
    if t == "ListNode":
        return to_list(v)
    if t == "TreeNode":
        return to_tree(v)
    return v


def encode(v, t):
    if t == "ListNode":
        return from_list(v)
    if t == "TreeNode":
        return from_tree(v)
    if isinstance(v, (set, frozenset, tuple)):
        return [encode(x, None) for x in v]
    if isinstance(v, list):
        return [encode(x, None) for x in v]
    return v


class CaseOutput(io.TextIOBase):
    """Keeps what a case report shows; the rest goes to stderr, where the parent's output cap counts it."""

    def __init__(self):
        self.kept = []
        self.size = 0

    def writable(self):
        return True

    def write(self, text):
        room = max(0, 4096 - self.size)
        if room:
            self.kept.append(text[:room])
            self.size += len(text[:room])
        if len(text) > room:
            sys.stderr.write(text[room:])
        return len(text)

    def getvalue(self):
        return "".join(self.kept)[:4096]


def line_of(tb):
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename == "solution.py":
            line = frame.lineno
    return line


prelude = (
    "from typing import *\nfrom collections import *\nimport heapq, math, bisect, itertools, functools, string, re, random\n"
    "from functools import lru_cache, cache, reduce\nfrom math import inf\nfrom heapq import *\nfrom bisect import *\n"
)
ns = {"__name__": "solution", "ListNode": ListNode, "TreeNode": TreeNode}
exec(prelude, ns)
# The runtime is up: the time limit counts from here (the runner waits for exactly this text).
real_stdout.write("\n" + spec["nonce"] + '{"started":true}' + "\n")
real_stdout.flush()
sig = spec["signature"]
source = open("solution.py").read()
try:
    code = compile(source, "solution.py", "exec")
except SyntaxError as e:
    emit({"compileError": f"{type(e).__name__}: {e.msg}", "line": e.lineno})
    sys.exit(0)
captured = CaseOutput()
sys.stdout = captured
try:
    exec(code, ns)
except BaseException as e:
    sys.stdout = real_stdout
    emit({"fatal": f"{type(e).__name__}: {e}", "line": line_of(e.__traceback__)})
    sys.exit(0)
sys.stdout = real_stdout

target = None
if sig["kind"] == "function":
    cls = ns.get("Solution")
    if isinstance(cls, type):
        try:
            inst = cls()
            target = getattr(inst, sig["name"], None)
        except Exception:
            target = None
    if target is None and callable(ns.get(sig["name"])):
        target = ns[sig["name"]]
    if target is None:
        emit({"compileError": f"No function {sig['name']} found: define `class Solution: def {sig['name']}(self, …)` or `def {sig['name']}(…)`."})
        sys.exit(0)
elif not isinstance(ns.get(sig["className"]), type):
    emit({"compileError": f"No class {sig['className']} found: define `class {sig['className']}:`."})
    sys.exit(0)


def run_case(args):
    if sig["kind"] == "function":
        decoded = [decode(args[i], p["type"]) for i, p in enumerate(sig["params"])]
        return encode(target(*decoded), sig["returns"])
    ops, params = args
    out = []
    obj = None
    for k, op in enumerate(ops):
        if k == 0:
            obj = ns[sig["className"]](*[decode(params[0][i], p["type"]) for i, p in enumerate(sig["constructorParams"])])
            out.append(None)
            continue
        method = next((m for m in sig["methods"] if m["name"] == op), None)
        if method is None:
            raise ValueError(f"unknown operation {op}")
        r = getattr(obj, op)(*[decode(params[k][i], p["type"]) for i, p in enumerate(method["params"])])
        out.append(None if method["returns"] == "void" else encode(r, method["returns"]))
    return out


for i, c in enumerate(spec["cases"]):
    captured = CaseOutput()
    sys.stdout = captured
    start = time.perf_counter()
    try:
        actual = run_case(json.loads(json.dumps(c["args"])))
        ms = (time.perf_counter() - start) * 1000
        sys.stdout = real_stdout
        try:
            json.dumps(actual)
        except (TypeError, ValueError):
            actual = repr(actual)
        emit({"i": i, "actual": actual, "stdout": captured.getvalue()[:4096], "ms": ms})
    except MemoryError:
        sys.stdout = real_stdout
        emit({"i": i, "memory": True, "error": "MemoryError", "ms": (time.perf_counter() - start) * 1000})
        sys.exit(0)
    except BaseException as e:
        ms = (time.perf_counter() - start) * 1000
        sys.stdout = real_stdout
        emit({"i": i, "error": f"{type(e).__name__}: {e}", "line": line_of(e.__traceback__), "stdout": captured.getvalue()[:4096], "ms": ms})
emit({"done": True})

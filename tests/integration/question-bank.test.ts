// The question bank: coverage of the roadmap, and every coding question's tests proven by a reference
// solution run through the real runner. Compiled languages are checked on one problem per parameter type.
import { afterAll, describe, expect, it } from "vitest";
import { TOPIC_IDS } from "../../src/config/constants.js";
import { readQuestionBank } from "../../src/database/seed.js";
import { CodeRunner } from "../../src/services/code-runner/runner.js";
import type { Language } from "../../src/services/code-runner/types.js";
import type { CodingContent } from "../../src/services/interviews/question-bank.js";

const bank = readQuestionBank();
const coding = bank.filter((q) => q.mode === "coding");
const runner = new CodeRunner({
  timeoutMs: 10_000,
  memoryMb: 256,
  maxOutputBytes: 1_000_000,
  concurrency: 2,
  sandbox: "auto",
  unsandboxedAllowed: true,
});
afterAll(() => runner.dispose());

describe("question bank", () => {
  it("has at least 30 coding problems over all 18 roadmap topics and three difficulties", () => {
    expect(coding.length).toBeGreaterThanOrEqual(30);
    const topics = new Set(coding.flatMap((q) => q.topics));
    expect(TOPIC_IDS.filter((t) => !topics.has(t))).toEqual([]);
    expect(new Set(coding.map((q) => q.difficulty))).toEqual(new Set(["easy", "medium", "hard"]));
  });

  it("gives every coding problem a function, starter code in five languages and at least five tests", () => {
    for (const q of coding) {
      const c = q.content as unknown as CodingContent;
      expect(c.function, q.slug).toBeTruthy();
      expect(Object.keys(c.starterCode).sort(), q.slug).toEqual(["cpp", "java", "javascript", "python", "typescript"]);
      expect(c.tests.length, q.slug).toBeGreaterThanOrEqual(5);
      expect(
        c.tests.every((t) => "expected" in t),
        q.slug,
      ).toBe(true);
      expect(c.hints.length, q.slug).toBeGreaterThan(0);
    }
  });

  it("gives system-design prompts requirements, strong-answer notes and company guidance, and behavioural questions STAR hints", () => {
    const design = bank.filter((q) => q.mode === "system_design");
    const behavioral = bank.filter((q) => q.mode === "behavioral");
    expect(design.length).toBeGreaterThanOrEqual(4);
    expect(behavioral.length).toBeGreaterThanOrEqual(10);
    for (const q of design) {
      expect(Object.keys(q.content)).toEqual(
        expect.arrayContaining(["requirements", "discussionPoints", "strongAnswer", "companyGuidance"]),
      );
    }
    for (const q of behavioral) expect(Object.keys(q.content)).toEqual(expect.arrayContaining(["tips", "star"]));
  });

  it("gives every coding problem examples, constraints and a reference solution", () => {
    for (const q of coding) {
      const c = q.content as unknown as CodingContent;
      expect(c.constraints?.length, q.slug).toBeGreaterThan(0);
      expect(Object.keys(c.referenceSolutions ?? {}), q.slug).toContain("javascript");
    }
  });

  // the reference shown in reports is the one proven here
  it.each(coding.map((q) => [q.slug, q] as const))("%s: the reference solution passes every test", async (slug, q) => {
    const c = q.content as unknown as CodingContent;
    const report = await runner.run({
      language: "javascript",
      code: c.referenceSolutions?.javascript ?? "",
      signature: c.signature,
      cases: c.tests,
      compare: c.compare,
    });
    expect(report.error, slug).toBeUndefined();
    expect(report.verdict).toBe("accepted");
    expect(report.passed).toBe(c.tests.length);
  });
});

// One problem per parameter and return type the bank uses, solved in each compiled or typed language.
const POLYGLOT: Record<string, Partial<Record<Language, string>>> = {
  "reverse-linked-list": {
    python:
      "class Solution:\n    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:\n        prev = None\n        while head:\n            head.next, prev, head = prev, head, head.next\n        return prev\n",
    java: "class Solution {\n    public ListNode reverseList(ListNode head) {\n        ListNode prev = null;\n        while (head != null) { ListNode n = head.next; head.next = prev; prev = head; head = n; }\n        return prev;\n    }\n}",
    cpp: "class Solution {\npublic:\n    ListNode* reverseList(ListNode* head) {\n        ListNode* prev = nullptr;\n        while (head) { ListNode* n = head->next; head->next = prev; prev = head; head = n; }\n        return prev;\n    }\n};",
  },
  "maximum-depth-of-binary-tree": {
    python:
      "class Solution:\n    def maxDepth(self, root: Optional[TreeNode]) -> int:\n        return 1 + max(self.maxDepth(root.left), self.maxDepth(root.right)) if root else 0\n",
    java: "class Solution {\n    public int maxDepth(TreeNode root) {\n        return root == null ? 0 : 1 + Math.max(maxDepth(root.left), maxDepth(root.right));\n    }\n}",
    cpp: "class Solution {\npublic:\n    int maxDepth(TreeNode* root) { return root ? 1 + max(maxDepth(root->left), maxDepth(root->right)) : 0; }\n};",
  },
  "number-of-islands": {
    java: "class Solution {\n    public int numIslands(char[][] g) {\n        int n = 0;\n        for (int i = 0; i < g.length; i++) for (int j = 0; j < g[0].length; j++) if (g[i][j] == '1') { n++; sink(g, i, j); }\n        return n;\n    }\n    void sink(char[][] g, int i, int j) {\n        if (i < 0 || j < 0 || i >= g.length || j >= g[0].length || g[i][j] != '1') return;\n        g[i][j] = '0'; sink(g, i + 1, j); sink(g, i - 1, j); sink(g, i, j + 1); sink(g, i, j - 1);\n    }\n}",
    cpp: "class Solution {\npublic:\n    int numIslands(vector<vector<char>>& g) {\n        int n = 0;\n        for (int i = 0; i < (int)g.size(); i++) for (int j = 0; j < (int)g[0].size(); j++) if (g[i][j] == '1') { n++; sink(g, i, j); }\n        return n;\n    }\n    void sink(vector<vector<char>>& g, int i, int j) {\n        if (i < 0 || j < 0 || i >= (int)g.size() || j >= (int)g[0].size() || g[i][j] != '1') return;\n        g[i][j] = '0'; sink(g, i + 1, j); sink(g, i - 1, j); sink(g, i, j + 1); sink(g, i, j - 1);\n    }\n};",
  },
  "group-anagrams": {
    java: "class Solution {\n    public List<List<String>> groupAnagrams(String[] strs) {\n        Map<String, List<String>> m = new HashMap<>();\n        for (String s : strs) { char[] c = s.toCharArray(); Arrays.sort(c); m.computeIfAbsent(new String(c), k -> new ArrayList<>()).add(s); }\n        return new ArrayList<>(m.values());\n    }\n}",
    cpp: "class Solution {\npublic:\n    vector<vector<string>> groupAnagrams(vector<string>& strs) {\n        map<string, vector<string>> m;\n        for (auto& s : strs) { string k = s; sort(k.begin(), k.end()); m[k].push_back(s); }\n        vector<vector<string>> out;\n        for (auto& [k, v] : m) out.push_back(v);\n        return out;\n    }\n};",
  },
  "word-ladder": {
    java: "class Solution {\n    public int ladderLength(String begin, String end, List<String> list) {\n        Set<String> words = new HashSet<>(list);\n        if (!words.contains(end)) return 0;\n        Deque<String> q = new ArrayDeque<>(List.of(begin));\n        Set<String> seen = new HashSet<>(List.of(begin));\n        for (int steps = 1; !q.isEmpty(); steps++) {\n            for (int k = q.size(); k > 0; k--) {\n                String w = q.poll();\n                if (w.equals(end)) return steps;\n                char[] c = w.toCharArray();\n                for (int i = 0; i < c.length; i++) { char o = c[i]; for (char x = 'a'; x <= 'z'; x++) { c[i] = x; String s = new String(c); if (words.contains(s) && seen.add(s)) q.add(s); } c[i] = o; }\n            }\n        }\n        return 0;\n    }\n}",
  },
  "pow-x-n": {
    java: "class Solution {\n    public double myPow(double x, int n) { return Math.pow(x, n); }\n}",
    cpp: "class Solution {\npublic:\n    double myPow(double x, int n) { return pow(x, n); }\n};",
  },
  "lru-cache": {
    python:
      "class LRUCache:\n    def __init__(self, capacity: int):\n        self.c = capacity\n        self.d = OrderedDict()\n\n    def get(self, key: int) -> int:\n        if key not in self.d:\n            return -1\n        self.d.move_to_end(key)\n        return self.d[key]\n\n    def put(self, key: int, value: int) -> None:\n        self.d[key] = value\n        self.d.move_to_end(key)\n        if len(self.d) > self.c:\n            self.d.popitem(last=False)\n",
    typescript:
      "class LRUCache {\n    private m = new Map<number, number>();\n    constructor(private capacity: number) {}\n    get(key: number): number {\n        if (!this.m.has(key)) return -1;\n        const v = this.m.get(key)!;\n        this.m.delete(key); this.m.set(key, v);\n        return v;\n    }\n    put(key: number, value: number): void {\n        this.m.delete(key); this.m.set(key, value);\n        if (this.m.size > this.capacity) this.m.delete(this.m.keys().next().value!);\n    }\n}",
    java: "class LRUCache extends LinkedHashMap<Integer, Integer> {\n    private final int capacity;\n    public LRUCache(int capacity) { super(16, 0.75f, true); this.capacity = capacity; }\n    public int get(int key) { return super.getOrDefault(key, -1); }\n    public void put(int key, int value) { super.put(key, value); }\n    protected boolean removeEldestEntry(Map.Entry<Integer, Integer> e) { return size() > capacity; }\n}",
    cpp: "class LRUCache {\n    int cap; list<pair<int,int>> order; unordered_map<int, list<pair<int,int>>::iterator> at;\npublic:\n    LRUCache(int capacity) : cap(capacity) {}\n    int get(int key) {\n        auto it = at.find(key);\n        if (it == at.end()) return -1;\n        order.splice(order.begin(), order, it->second);\n        return it->second->second;\n    }\n    void put(int key, int value) {\n        auto it = at.find(key);\n        if (it != at.end()) { it->second->second = value; order.splice(order.begin(), order, it->second); return; }\n        order.emplace_front(key, value); at[key] = order.begin();\n        if ((int)order.size() > cap) { at.erase(order.back().first); order.pop_back(); }\n    }\n};",
  },
  "implement-trie-prefix-tree": {
    java: "class Trie {\n    private final Set<String> words = new HashSet<>(), prefixes = new HashSet<>();\n    public Trie() {}\n    public void insert(String w) { words.add(w); for (int i = 0; i <= w.length(); i++) prefixes.add(w.substring(0, i)); }\n    public boolean search(String w) { return words.contains(w); }\n    public boolean startsWith(String p) { return prefixes.contains(p); }\n}",
  },
};

const entries = Object.entries(POLYGLOT).flatMap(([slug, byLanguage]) =>
  Object.entries(byLanguage)
    .filter(([language]) => runner.isAvailable(language as Language))
    .map(([language, code]) => [slug, language as Language, code] as const),
);

describe("harnesses for every parameter type", () => {
  it.each(entries)(
    "%s in %s is accepted",
    async (slug, language, code) => {
      const q = bank.find((b) => b.slug === slug);
      const c = q?.content as unknown as CodingContent;
      const report = await runner.run({ language, code, signature: c.signature, cases: c.tests, compare: c.compare });
      expect(
        report.error,
        JSON.stringify(report.error ?? report.cases.find((x) => x.status !== "passed")),
      ).toBeUndefined();
      expect(report.verdict).toBe("accepted");
    },
    120_000,
  );
});

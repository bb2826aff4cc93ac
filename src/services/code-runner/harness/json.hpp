// Parsing cases and printing results for the generated C++ harness (no libraries inside the sandbox).
#include <bits/stdc++.h>
using namespace std;

struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};

struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};

namespace maang {
struct JV {
    enum Kind { NUL, BOOL, NUM, STR, ARR } kind = NUL;
    bool b = false;
    double num = 0;
    long long integer = 0;
    string s;
    vector<JV> a;
};

struct Parser {
    const string &s;
    size_t p = 0;
    explicit Parser(const string &text) : s(text) {}
    void ws() { while (p < s.size() && isspace((unsigned char)s[p])) p++; }
    JV value() {
        ws();
        JV v;
        char c = s[p];
        if (c == '[') {
            p++;
            v.kind = JV::ARR;
            ws();
            if (s[p] == ']') { p++; return v; }
            while (true) {
                v.a.push_back(value());
                ws();
                char d = s[p++];
                if (d == ']') return v;
            }
        }
        if (c == '"') {
            p++;
            v.kind = JV::STR;
            while (true) {
                char d = s[p++];
                if (d == '"') return v;
                if (d == '\\') {
                    char e = s[p++];
                    if (e == 'n') v.s += '\n';
                    else if (e == 't') v.s += '\t';
                    else if (e == 'r') v.s += '\r';
                    else if (e == 'u') { v.s += (char)stoi(s.substr(p, 4), nullptr, 16); p += 4; }
                    else v.s += e;
                } else v.s += d;
            }
        }
        if (s.compare(p, 4, "true") == 0) { p += 4; v.kind = JV::BOOL; v.b = true; return v; }
        if (s.compare(p, 5, "false") == 0) { p += 5; v.kind = JV::BOOL; return v; }
        if (s.compare(p, 4, "null") == 0) { p += 4; return v; }
        size_t start = p;
        while (p < s.size() && strchr("+-0123456789.eE", s[p])) p++;
        string num = s.substr(start, p - start);
        v.kind = JV::NUM;
        v.num = stod(num);
        v.integer = num.find_first_of(".eE") == string::npos ? stoll(num) : (long long)v.num;
        return v;
    }
};

inline int toInt(const JV &v) { return (int)v.integer; }
inline long long toLong(const JV &v) { return v.integer; }
inline double toDouble(const JV &v) { return v.num; }
inline bool toBool(const JV &v) { return v.b; }
inline string toStr(const JV &v) { return v.s; }
inline vector<int> toVecInt(const JV &v) { vector<int> o; for (auto &x : v.a) o.push_back(toInt(x)); return o; }
inline vector<vector<int>> toVecVecInt(const JV &v) { vector<vector<int>> o; for (auto &x : v.a) o.push_back(toVecInt(x)); return o; }
inline vector<string> toVecStr(const JV &v) { vector<string> o; for (auto &x : v.a) o.push_back(x.s); return o; }
inline vector<vector<string>> toVecVecStr(const JV &v) { vector<vector<string>> o; for (auto &x : v.a) o.push_back(toVecStr(x)); return o; }
inline vector<vector<char>> toVecVecChar(const JV &v) {
    vector<vector<char>> o;
    for (auto &row : v.a) { vector<char> r; for (auto &x : row.a) r.push_back(x.s.empty() ? ' ' : x.s[0]); o.push_back(r); }
    return o;
}
inline ListNode *toListNode(const JV &v) {
    ListNode *head = nullptr;
    for (size_t i = v.a.size(); i-- > 0;) head = new ListNode(toInt(v.a[i]), head);
    return head;
}
inline TreeNode *toTree(const JV &v) {
    if (v.a.empty() || v.a[0].kind == JV::NUL) return nullptr;
    TreeNode *root = new TreeNode(toInt(v.a[0]));
    vector<TreeNode *> queue{root};
    size_t i = 1;
    for (size_t q = 0; q < queue.size() && i < v.a.size(); q++) {
        TreeNode *node = queue[q];
        if (i < v.a.size() && v.a[i].kind != JV::NUL) { node->left = new TreeNode(toInt(v.a[i])); queue.push_back(node->left); }
        i++;
        if (i < v.a.size() && v.a[i].kind != JV::NUL) { node->right = new TreeNode(toInt(v.a[i])); queue.push_back(node->right); }
        i++;
    }
    return root;
}

inline string js(const string &v) {
    string o = "\"";
    for (char c : v) {
        if (c == '"' || c == '\\') { o += '\\'; o += c; }
        else if ((unsigned char)c < 0x20) { char buf[8]; snprintf(buf, sizeof buf, "\\u%04x", c); o += buf; }
        else o += c;
    }
    return o + "\"";
}
inline string js(const char *v) { return js(string(v)); }
inline string js(char v) { return js(string(1, v)); }
inline string js(bool v) { return v ? "true" : "false"; }
inline string js(int v) { return to_string(v); }
inline string js(long v) { return to_string(v); }
inline string js(long long v) { return to_string(v); }
inline string js(unsigned v) { return to_string(v); }
inline string js(unsigned long v) { return to_string(v); }
inline string js(unsigned long long v) { return to_string(v); }
inline string js(double v) {
    if (!isfinite(v)) return "null";
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}
inline string js(float v) { return js((double)v); }
inline string js(ListNode *n) {
    string o = "[";
    for (int k = 0; n && k < 100000; n = n->next, k++) o += (k ? "," : "") + to_string(n->val);
    return o + "]";
}
inline string js(TreeNode *root) {
    vector<string> out;
    vector<TreeNode *> queue{root};
    for (size_t q = 0; q < queue.size() && out.size() < 100000; q++) {
        TreeNode *node = queue[q];
        if (!node) { out.push_back("null"); continue; }
        out.push_back(to_string(node->val));
        queue.push_back(node->left);
        queue.push_back(node->right);
    }
    while (!out.empty() && out.back() == "null") out.pop_back();
    string o = "[";
    for (size_t i = 0; i < out.size(); i++) o += (i ? "," : "") + out[i];
    return o + "]";
}
template <class T> string js(const vector<T> &v) {
    string o = "[";
    for (size_t i = 0; i < v.size(); i++) { if (i) o += ","; o += js((T)v[i]); }
    return o + "]";
}

/** Keeps what a case report shows; the rest goes to stderr, where the parent's output cap counts it. */
struct CaseOut : public streambuf {
    string kept;
    int overflow(int c) override {
        if (c == EOF) return c;
        if (kept.size() < 4096) kept += (char)c;
        else fputc(c, stderr);
        return c;
    }
    // Whole blocks at a time: a solution printing megabytes reaches the output cap, not the time limit.
    streamsize xsputn(const char *s, streamsize n) override {
        size_t room = kept.size() < 4096 ? 4096 - kept.size() : 0;
        size_t keep = min((size_t)n, room);
        kept.append(s, keep);
        if ((size_t)n > keep) fwrite(s + keep, 1, n - keep, stderr);
        return n;
    }
};
}  // namespace maang

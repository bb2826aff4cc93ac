// Parsing cases and printing results for the generated Java harness (no libraries inside the sandbox).
import java.util.*;

class J {
    private final String s;
    private int p;

    private J(String s) { this.s = s; }

    static Object parse(String text) {
        J j = new J(text);
        j.ws();
        return j.value();
    }

    private void ws() { while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++; }

    private Object value() {
        char c = s.charAt(p);
        if (c == '[') {
            p++;
            List<Object> out = new ArrayList<>();
            ws();
            if (s.charAt(p) == ']') { p++; return out; }
            while (true) {
                ws(); out.add(value()); ws();
                char d = s.charAt(p++);
                if (d == ']') return out;
            }
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            p++;
            while (true) {
                char d = s.charAt(p++);
                if (d == '"') return b.toString();
                if (d == '\\') {
                    char e = s.charAt(p++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; break;
                        default: b.append(e);
                    }
                } else b.append(d);
            }
        }
        if (s.startsWith("true", p)) { p += 4; return Boolean.TRUE; }
        if (s.startsWith("false", p)) { p += 5; return Boolean.FALSE; }
        if (s.startsWith("null", p)) { p += 4; return null; }
        int start = p;
        while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) p++;
        String num = s.substring(start, p);
        if (num.contains(".") || num.contains("e") || num.contains("E")) return Double.parseDouble(num);
        return Long.parseLong(num);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) { return (List<Object>) o; }
    static int toInt(Object o) { return ((Number) o).intValue(); }
    static long toLong(Object o) { return ((Number) o).longValue(); }
    static double toDouble(Object o) { return ((Number) o).doubleValue(); }
    static boolean toBool(Object o) { return (Boolean) o; }
    static String toStr(Object o) { return (String) o; }
    static int[] toIntArray(Object o) {
        List<Object> l = list(o);
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = toInt(l.get(i));
        return a;
    }
    static int[][] toIntMatrix(Object o) {
        List<Object> l = list(o);
        int[][] a = new int[l.size()][];
        for (int i = 0; i < a.length; i++) a[i] = toIntArray(l.get(i));
        return a;
    }
    static String[] toStringArray(Object o) {
        List<Object> l = list(o);
        String[] a = new String[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = (String) l.get(i);
        return a;
    }
    static String[][] toStringMatrix(Object o) {
        List<Object> l = list(o);
        String[][] a = new String[l.size()][];
        for (int i = 0; i < a.length; i++) a[i] = toStringArray(l.get(i));
        return a;
    }
    static char[][] toCharMatrix(Object o) {
        List<Object> l = list(o);
        char[][] a = new char[l.size()][];
        for (int i = 0; i < a.length; i++) {
            List<Object> row = list(l.get(i));
            a[i] = new char[row.size()];
            for (int k = 0; k < row.size(); k++) a[i][k] = ((String) row.get(k)).charAt(0);
        }
        return a;
    }
    static List<Integer> toIntList(Object o) {
        List<Integer> out = new ArrayList<>();
        for (Object v : list(o)) out.add(toInt(v));
        return out;
    }
    static List<String> toStringList(Object o) {
        List<String> out = new ArrayList<>();
        for (Object v : list(o)) out.add((String) v);
        return out;
    }
    static List<List<Integer>> toIntListList(Object o) {
        List<List<Integer>> out = new ArrayList<>();
        for (Object v : list(o)) out.add(toIntList(v));
        return out;
    }
    static List<List<String>> toStringListList(Object o) {
        List<List<String>> out = new ArrayList<>();
        for (Object v : list(o)) out.add(toStringList(v));
        return out;
    }
    static ListNode toListNode(Object o) {
        List<Object> l = list(o);
        ListNode head = null;
        for (int i = l.size() - 1; i >= 0; i--) head = new ListNode(toInt(l.get(i)), head);
        return head;
    }
    static TreeNode toTree(Object o) {
        List<Object> a = list(o);
        if (a.isEmpty() || a.get(0) == null) return null;
        TreeNode root = new TreeNode(toInt(a.get(0)));
        List<TreeNode> queue = new ArrayList<>();
        queue.add(root);
        int i = 1;
        for (int q = 0; q < queue.size() && i < a.size(); q++) {
            TreeNode node = queue.get(q);
            if (i < a.size() && a.get(i) != null) { node.left = new TreeNode(toInt(a.get(i))); queue.add(node.left); }
            i++;
            if (i < a.size() && a.get(i) != null) { node.right = new TreeNode(toInt(a.get(i))); queue.add(node.right); }
            i++;
        }
        return root;
    }

    static String str(String v) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String json(Object v) {
        if (v == null) return "null";
        if (v instanceof String) return str((String) v);
        if (v instanceof Character) return str(String.valueOf(v));
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? Double.toString(d) : "null";
        }
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof ListNode) {
            StringBuilder b = new StringBuilder("[");
            int n = 0;
            for (ListNode x = (ListNode) v; x != null && n < 100000; x = x.next, n++) b.append(n > 0 ? "," : "").append(x.val);
            return b.append("]").toString();
        }
        if (v instanceof TreeNode) {
            List<String> out = new ArrayList<>();
            List<TreeNode> queue = new ArrayList<>();
            queue.add((TreeNode) v);
            for (int q = 0; q < queue.size() && out.size() < 100000; q++) {
                TreeNode node = queue.get(q);
                if (node == null) { out.add("null"); continue; }
                out.add(String.valueOf(node.val));
                queue.add(node.left);
                queue.add(node.right);
            }
            while (!out.isEmpty() && out.get(out.size() - 1).equals("null")) out.remove(out.size() - 1);
            return "[" + String.join(",", out) + "]";
        }
        if (v instanceof Iterable) {
            StringBuilder b = new StringBuilder("[");
            boolean first = true;
            for (Object x : (Iterable<?>) v) { if (!first) b.append(","); first = false; b.append(json(x)); }
            return b.append("]").toString();
        }
        if (v.getClass().isArray()) {
            StringBuilder b = new StringBuilder("[");
            int n = java.lang.reflect.Array.getLength(v);
            for (int i = 0; i < n; i++) { if (i > 0) b.append(","); b.append(json(java.lang.reflect.Array.get(v, i))); }
            return b.append("]").toString();
        }
        return str(v.toString());
    }
}

class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}

class TreeNode {
    int val;
    TreeNode left;
    TreeNode right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) { this.val = val; this.left = left; this.right = right; }
}

/** Keeps what a case report shows; the rest goes to stderr, where the parent's output cap counts it. */
class CaseOut extends java.io.OutputStream {
    private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
    public void write(int b) {
        if (kept.size() < 4096) kept.write(b);
        else System.err.write(b);
    }
    String text() { return new String(kept.toByteArray(), java.nio.charset.StandardCharsets.UTF_8); }
}

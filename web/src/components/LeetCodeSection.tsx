// The linked LeetCode account and its sync runs.
export function LeetCodeSection() {
  return null;
}

// Words the interview screens share: one spelling of each mode everywhere, and the STAR guide's order.
const MODE_LABELS: Record<string, string> = {
  coding: "Coding",
  system_design: "System design",
  behavioral: "Behavioural",
};

export function modeLabel(mode: string): string {
  return MODE_LABELS[mode] ?? mode;
}

export const STAR_ORDER = ["situation", "task", "action", "result"] as const;

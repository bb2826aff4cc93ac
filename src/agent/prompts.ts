// Prompt assembly within a token budget: the instructions always, then the sections by priority (the user's
// numbers, the retrieved memories, …), then as much recent conversation as still fits, newest kept first.
import type { ChatMessage } from "./llm.js";

/**
 * Tokens of English text for budgeting: ~4 characters per token for BPE tokenizers (cl100k, Llama), and
 * never fewer than one per word. Used to stay under budgets, not to bill.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(words, Math.ceil(text.length / 4));
}

/** Cuts text to at most `maxTokens` (by the same estimate), on a line or word boundary, marking the cut. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  if (maxTokens <= 0) return "";
  let cut = text.slice(0, Math.max(0, maxTokens * 4 - 2));
  const boundary = Math.max(cut.lastIndexOf("\n"), cut.lastIndexOf(" "));
  if (boundary > cut.length / 2) cut = cut.slice(0, boundary);
  while (cut && estimateTokens(`${cut} …`) > maxTokens) cut = cut.slice(0, -Math.max(1, Math.ceil(cut.length / 10)));
  return cut ? `${cut} …` : "";
}

export interface PromptSection {
  title: string;
  text: string;
  /** lower goes first and is cut last */
  priority: number;
  /** the section is dropped rather than cut short when it does not fit whole (e.g. a table of numbers) */
  whole?: boolean;
}

export interface HistoryMessage {
  role: "user" | "assistant";
  content: string;
}

export interface AssembledPrompt {
  messages: ChatMessage[];
  /** estimated tokens of everything sent (instructions, sections, history, question) */
  tokens: number;
  /** titles of the sections that made it in, in order */
  included: string[];
  /** titles of sections cut short or dropped for the budget */
  trimmed: string[];
  historyMessages: number;
}

/**
 * Builds the messages for one turn. The instructions and the question are always sent; the budget is shared
 * by the sections (in priority order) and then by the history.
 */
export function assemblePrompt(input: {
  instructions: string;
  sections: PromptSection[];
  history: HistoryMessage[];
  question: string;
  budgetTokens: number;
}): AssembledPrompt {
  const fixed = estimateTokens(input.instructions) + estimateTokens(input.question);
  let remaining = Math.max(0, input.budgetTokens - fixed);
  const included: string[] = [];
  const trimmed: string[] = [];
  const parts: string[] = [input.instructions];
  for (const section of [...input.sections].sort((a, b) => a.priority - b.priority)) {
    if (!section.text.trim()) continue;
    const block = `\n\n## ${section.title}\n${section.text.trim()}`;
    const cost = estimateTokens(block);
    if (cost <= remaining) {
      parts.push(block);
      included.push(section.title);
      remaining -= cost;
      continue;
    }
    trimmed.push(section.title);
    const headerCost = estimateTokens(`\n\n## ${section.title}\n`) + 2;
    if (section.whole || remaining <= headerCost + 10) continue;
    parts.push(`\n\n## ${section.title}\n${truncateToTokens(section.text.trim(), remaining - headerCost)}`);
    included.push(section.title);
    remaining = 0;
  }
  const system = parts.join("");

  const history: HistoryMessage[] = [];
  for (let i = input.history.length - 1; i >= 0; i--) {
    const message = input.history[i];
    const cost = estimateTokens(message.content) + 4;
    if (cost > remaining) break;
    history.unshift(message);
    remaining -= cost;
  }
  const messages: ChatMessage[] = [
    { role: "system", content: system },
    ...history.map((m) => ({ role: m.role, content: m.content }) as ChatMessage),
    { role: "user", content: input.question },
  ];
  const tokens =
    estimateTokens(system) +
    history.reduce((n, m) => n + estimateTokens(m.content) + 4, 0) +
    estimateTokens(input.question);
  return { messages, tokens, included, trimmed, historyMessages: history.length };
}

export type MentorMode = "chat" | "interview_feedback" | "explain_failure";

const BASE_INSTRUCTIONS = [
  "You are the Maang-Tracker mentor: a concise, candid coach for software-engineering interviews at big-tech companies.",
  "Ground every answer in the user's own data below (their numbers, weak topics, due reviews and memories) and in the tools; do not invent numbers.",
  "When you use a memory, cite it exactly as it is labelled, e.g. [m12 2026-01-10] (its id and date).",
  "Use the tools to look up or change the user's data (log attempts, rate reviews, schedule interviews, remember things) when they ask; say what you did.",
  "Prefer concrete next steps (problem slugs, topics, minutes) over general advice.",
].join("\n");

const MODE_INSTRUCTIONS: Record<MentorMode, string> = {
  chat: "",
  interview_feedback:
    "The user asks for feedback on a mock-interview answer. Review it like an interviewer: correctness, complexity, code quality, edge cases and testing, communication; end with the two most useful improvements.",
  explain_failure:
    "The user asks why a test failed. Compare expected and actual output, find the bug in their code (quote the line), explain the cause in one or two sentences and show the smallest fix. Do not rewrite the whole solution.",
};

export function mentorInstructions(mode: MentorMode, today: string): string {
  const extra = MODE_INSTRUCTIONS[mode];
  return `${BASE_INSTRUCTIONS}\nToday is ${today}.${extra ? `\n\n${extra}` : ""}`;
}

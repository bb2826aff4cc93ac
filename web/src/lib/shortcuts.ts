// Keyboard shortcuts that work without focusing anything first (as in Anki): a key pressed while typing
// in a field, or with Ctrl/Alt/Meta held, is left to the browser.
import { useEffect, useRef } from "react";
import type { RatingName } from "../types";

export const RATING_KEYS: Record<string, RatingName> = { "1": "again", "2": "hard", "3": "good", "4": "easy" };
export const RATING_LABEL: Record<RatingName, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };

/** true when the key press belongs to a text field, a menu or an editor, not to the page */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
}

/** Calls `handlers[key]` for page-level key presses while the component is mounted. */
export function useShortcuts(handlers: Record<string, () => void>, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (isTypingTarget(event.target) || document.querySelector("dialog[open]")) return;
      const handler = ref.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

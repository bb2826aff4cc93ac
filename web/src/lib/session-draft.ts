// Autosave of a running interview's draft to the server (PUT /interviews/sessions/:id/draft): debounced
// while typing, sent at once when the tab is hidden or closed (keepalive), so a reload or a closed tab
// finds the code and the answer where they were.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, buildUrl } from "../api";

export type DraftPatch = { language: string; code: string } | { answer: string };
export type DraftStatus = { state: "idle" | "saving" | "saved" | "error"; at?: Date; error?: string };

const DEBOUNCE_MS = 600;

export function useSessionDraft(sessionId: number): {
  save: (patch: DraftPatch) => void;
  status: DraftStatus;
} {
  const pending = useRef(new Map<string, DraftPatch>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [status, setStatus] = useState<DraftStatus>({ state: "idle" });
  const url = `/interviews/sessions/${sessionId}/draft`;

  const flush = useCallback(
    async (keepalive = false) => {
      clearTimeout(timer.current);
      const patches = [...pending.current.values()];
      pending.current.clear();
      if (patches.length === 0) return;
      if (keepalive) {
        // the page is going away: fire and forget, the browser finishes the requests
        for (const body of patches)
          void fetch(buildUrl(url), {
            method: "PUT",
            credentials: "same-origin",
            keepalive: true,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
        return;
      }
      setStatus({ state: "saving" });
      try {
        for (const body of patches) await api.put(url, body);
        setStatus({ state: "saved", at: new Date() });
      } catch (error) {
        setStatus({ state: "error", error: (error as Error).message });
      }
    },
    [url],
  );

  const save = useCallback(
    (patch: DraftPatch) => {
      // one pending save per language's code and one for the answer: the latest text wins
      pending.current.set("answer" in patch ? "answer" : `code:${patch.language}`, patch);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    const leave = () => void flush(true);
    const hidden = () => {
      if (document.visibilityState === "hidden") void flush(true);
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      void flush();
    };
  }, [flush]);

  return { save, status };
}

export function draftStatusText(status: DraftStatus): string {
  if (status.state === "saving") return "Saving draft…";
  if (status.state === "saved" && status.at)
    return `Draft saved ${status.at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`;
  if (status.state === "error") return `Draft not saved: ${status.error}`;
  return "";
}

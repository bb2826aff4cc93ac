// Small hooks every page uses: load data with loading/error states, keep drafts across a re-login,
// and a tick for countdowns.
import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "./api";

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
  setData: (value: T) => void;
}

/** Runs `load` when `deps` change; `reload()` runs it again. Stale answers are dropped. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists the inputs of `load`
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef
      .current(controller.signal)
      .then((value) => {
        if (!controller.signal.aborted) setData(value);
      })
      .catch((e) => {
        if (!controller.signal.aborted) setError(messageOf(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload, setData };
}

const DRAFT_PREFIX = "maang.draft.";

/** State kept in sessionStorage, so text typed before a session expired is still there after login. */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const storageKey = DRAFT_PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved === null ? initial : (JSON.parse(saved) as T);
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (next: T) => {
      setValue(next);
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // storage full or disabled: the draft lives in memory only
      }
    },
    [storageKey],
  );
  const initialRef = useRef(initial);
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initialRef.current);
  }, [storageKey]);
  return [value, update, clear];
}

/** The current time, refreshed every `ms` milliseconds. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** Runs an action, tracking busy and error state for a button or form. */
export function useAction<A extends unknown[], R>(
  run: (...args: A) => Promise<R>,
): { busy: boolean; error: string | undefined; clearError: () => void; act: (...args: A) => Promise<R | undefined> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const runRef = useRef(run);
  runRef.current = run;
  const act = useCallback(async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      return await runRef.current(...args);
    } catch (e) {
      setError(messageOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, clearError: () => setError(undefined), act };
}

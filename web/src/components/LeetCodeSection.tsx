// The linked LeetCode account: link (username, optional LEETCODE_SESSION cookie for the full history),
// sync now, and the last sync's real outcome with its counts and error.
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { useAction, useLoad } from "../hooks";
import { formatDateTime } from "../lib/format";
import { Async, Badge, ErrorBox } from "./ui";

interface SyncRun {
  id: number;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  fetched: number;
  imported: number;
  skipped: number;
  error: string | null;
}

interface LeetCodeStatus {
  linked: boolean;
  username: string | null;
  hasSessionCookie: boolean;
  sessionCookieReadable: boolean;
  lastSyncedAt: string | null;
  lastRun: SyncRun | null;
}

export function LeetCodeSection() {
  const status = useLoad((signal) => api.get<LeetCodeStatus>("/leetcode", undefined, signal), []);
  const [username, setUsername] = useState("");
  const [cookie, setCookie] = useState("");
  const [queued, setQueued] = useState(false);
  const link = useAction(async () => {
    status.setData(
      await api.put<LeetCodeStatus>("/leetcode/link", { username, sessionCookie: cookie.trim() || undefined }),
    );
    setCookie("");
  });
  const unlink = useAction(async () => {
    await api.del("/leetcode/link");
    status.reload();
  });
  const sync = useAction(async () => {
    await api.post("/leetcode/sync", {});
    setQueued(true);
    // the job runs inline or on a worker: look again shortly for its outcome
    setTimeout(status.reload, 1500);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void link.act();
  };
  return (
    <section className="card stack" aria-labelledby="leetcode-title">
      <h2 id="leetcode-title">LeetCode</h2>
      <Async state={status} label="Loading the LeetCode link…">
        {(s) =>
          s.linked ? (
            <div className="stack">
              <p>
                Linked to <strong>{s.username}</strong>{" "}
                {s.hasSessionCookie ? (
                  <Badge tone={s.sessionCookieReadable ? "ok" : "bad"}>
                    {s.sessionCookieReadable ? "full history" : "cookie unreadable: link again"}
                  </Badge>
                ) : (
                  <Badge>recent submissions only</Badge>
                )}
              </p>
              <p className="muted">Last synced: {s.lastSyncedAt ? formatDateTime(s.lastSyncedAt) : "never"}</p>
              {s.lastRun && (
                <p data-testid="last-sync">
                  Last run {formatDateTime(s.lastRun.startedAt)}:{" "}
                  <Badge
                    tone={s.lastRun.status === "succeeded" ? "ok" : s.lastRun.status === "running" ? "warn" : "bad"}
                  >
                    {s.lastRun.status}
                  </Badge>{" "}
                  fetched {s.lastRun.fetched}, imported {s.lastRun.imported}, skipped {s.lastRun.skipped}
                  {s.lastRun.error && <span className="case-error"> — {s.lastRun.error}</span>}
                </p>
              )}
              <div className="row">
                <button type="button" className="primary" disabled={sync.busy} onClick={() => void sync.act()}>
                  Sync now
                </button>
                <button type="button" className="danger" disabled={unlink.busy} onClick={() => void unlink.act()}>
                  Unlink
                </button>
              </div>
              {queued && (
                <p className="muted" role="status">
                  Sync queued.{" "}
                  <button type="button" className="link" onClick={status.reload}>
                    Refresh status
                  </button>
                </p>
              )}
            </div>
          ) : (
            <p className="muted">Link your LeetCode account to import your accepted submissions as attempts.</p>
          )
        }
      </Async>
      <ErrorBox error={link.error ?? unlink.error ?? sync.error} />
      <form className="stack" onSubmit={submit}>
        <label>
          LeetCode username
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          LEETCODE_SESSION cookie (optional)
          <input type="password" value={cookie} onChange={(e) => setCookie(e.target.value)} autoComplete="off" />
          <span className="hint">
            Imports your whole history instead of only the recent submissions; stored encrypted.
          </span>
        </label>
        <button type="submit" disabled={link.busy}>
          {status.data?.linked ? "Change the link" : "Link account"}
        </button>
      </form>
    </section>
  );
}

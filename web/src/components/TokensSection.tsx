// Personal API tokens for scripts and MCP clients: the token is shown once, right after creation.
import { useState } from "react";
import { api } from "../api";
import { useAction, useLoad } from "../hooks";
import { formatDateTime } from "../lib/format";
import type { ApiToken } from "../types";
import { Async, Empty, ErrorBox } from "./ui";

export function TokensSection() {
  const tokens = useLoad((signal) => api.get("/tokens", undefined, signal), []);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [copied, setCopied] = useState(false);
  const create = useAction(async () => {
    const result = await api.post("/tokens", { name });
    setCreated({ name: result.token.name, token: result.token.token });
    setCopied(false);
    setName("");
    tokens.reload();
  });
  const revoke = useAction(async (token: ApiToken) => {
    await api.del(`/tokens/${token.id}`);
    tokens.reload();
  });
  return (
    <section className="card stack" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">
        For scripts and MCP clients: send it as <code>Authorization: Bearer …</code>.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void create.act();
        }}
      >
        <label>
          Token name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Claude Desktop" required />
        </label>
        <button type="submit" disabled={create.busy}>
          Create token
        </button>
      </form>
      <ErrorBox error={create.error ?? revoke.error} />
      {created && (
        <div className="notice stack" role="status">
          <strong>Copy the token “{created.name}” now: it will not be shown again.</strong>
          <div className="row">
            <input readOnly value={created.token} aria-label="New API token" onFocus={(e) => e.target.select()} />
            <button
              type="button"
              onClick={() =>
                navigator.clipboard
                  ?.writeText(created.token)
                  .then(() => setCopied(true))
                  .catch(() => setCopied(false))
              }
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button type="button" onClick={() => setCreated(undefined)}>
              Done
            </button>
          </div>
        </div>
      )}
      <Async state={tokens} label="Loading tokens…">
        {(t) =>
          t.tokens.length === 0 ? (
            <Empty>No tokens yet.</Empty>
          ) : (
            <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {t.tokens.map((token) => (
                <li key={token.id} className="row" style={{ alignItems: "center" }}>
                  <span>
                    <strong>{token.name}</strong> <code>{token.prefix}…</code>
                    <br />
                    <span className="muted">
                      created {formatDateTime(token.createdAt)} · last used{" "}
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "never"}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Revoke ${token.name}`}
                    disabled={revoke.busy}
                    onClick={() => void revoke.act(token)}
                  >
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

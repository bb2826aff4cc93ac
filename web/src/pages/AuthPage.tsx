// Sign up and log in. After an expired session the form says so; the page the user was on comes back
// after login with its drafts.
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { ErrorBox } from "../components/ui";
import { useAction } from "../hooks";
import { Link } from "../router";
import type { User } from "../session";

export function AuthPage({
  mode,
  expired,
  onSignedIn,
}: {
  mode: "login" | "signup";
  expired: boolean;
  onSignedIn: (user: User) => void;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const { busy, error, act } = useAction(async () => {
    const result =
      mode === "signup"
        ? await api.post(
            "/auth/signup",
            { email, password, name: name || undefined, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
            { quiet401: true },
          )
        : await api.post("/auth/login", { email, password }, { quiet401: true });
    onSignedIn(result.user);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act();
  };
  const signup = mode === "signup";
  return (
    <main className="auth">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="auth-title">
        <p className="brand">Maang-Tracker</p>
        <h1 id="auth-title">{signup ? "Create your account" : "Log in"}</h1>
        {expired && !signup && (
          <p className="notice" role="status">
            Your session has ended. Log in again to continue where you were — what you typed was kept.
          </p>
        )}
        {signup && (
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </label>
        )}
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={signup ? "new-password" : "current-password"}
            minLength={signup ? 8 : undefined}
            required
          />
          {signup && <span className="hint">At least 8 characters.</span>}
        </label>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Please wait…" : signup ? "Sign up" : "Log in"}
        </button>
        <p className="switch">
          {signup ? "Already have an account? " : "New here? "}
          <Link to={signup ? "/login" : "/signup"}>{signup ? "Log in" : "Create an account"}</Link>
        </p>
      </form>
    </main>
  );
}

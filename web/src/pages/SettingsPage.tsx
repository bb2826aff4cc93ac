// Settings: profile, timezone, training targets, interview date, password, API tokens, LeetCode,
// export/import and the theme. Each section saves on its own and says what happened.
import { type FormEvent, useState } from "react";
import { api } from "../api";
import { BlindModeSection } from "../components/BlindModeSection";
import { DataSection } from "../components/DataSection";
import { EditorSection } from "../components/EditorSection";
import { LeetCodeSection } from "../components/LeetCodeSection";
import { TokensSection } from "../components/TokensSection";
import { ErrorBox, PageHeader } from "../components/ui";
import { useAction } from "../hooks";
import { useSession } from "../session";
import { applyTheme, savedTheme, type Theme } from "../theme";

function timezones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

export function SettingsPage() {
  const { user, setUser } = useSession();
  const [form, setForm] = useState({
    name: user.name,
    timezone: user.timezone,
    targetRetention: String(Math.round(user.targetRetention * 100)),
    dailyNewLimit: String(user.dailyNewLimit),
    weeklyHours: String(user.weeklyHours),
    interviewDate: user.interviewDate ?? "",
  });
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<typeof form>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const save = useAction(async () => {
    const result = await api.patch("/me/settings", {
      name: form.name,
      timezone: form.timezone,
      targetRetention: Number(form.targetRetention) / 100,
      dailyNewLimit: Number(form.dailyNewLimit),
      weeklyHours: Number(form.weeklyHours),
      interviewDate: form.interviewDate || null,
    });
    setUser(result.user);
    setSaved(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.act();
  };
  const [theme, setTheme] = useState<Theme>(savedTheme);

  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid two">
        <form className="card stack" onSubmit={submit} aria-labelledby="profile-title">
          <h2 id="profile-title">Profile and training</h2>
          <p className="muted">Signed in as {user.email}</p>
          <label>
            Name
            <input value={form.name} onChange={(e) => set({ name: e.target.value })} autoComplete="name" />
          </label>
          <label>
            Timezone
            <select value={form.timezone} onChange={(e) => set({ timezone: e.target.value })}>
              {timezones(form.timezone).map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
            <span className="hint">Streaks, the heatmap and “today” follow this zone.</span>
          </label>
          <div className="row">
            <label>
              Retention target (%)
              <input
                type="number"
                min={70}
                max={99}
                value={form.targetRetention}
                onChange={(e) => set({ targetRetention: e.target.value })}
              />
            </label>
            <label>
              Daily new problems
              <input
                type="number"
                min={0}
                max={100}
                value={form.dailyNewLimit}
                onChange={(e) => set({ dailyNewLimit: e.target.value })}
              />
            </label>
            <label>
              Weekly hours
              <input
                type="number"
                min={0}
                max={100}
                step={0.5}
                value={form.weeklyHours}
                onChange={(e) => set({ weeklyHours: e.target.value })}
              />
            </label>
          </div>
          <label>
            Interview date
            <input type="date" value={form.interviewDate} onChange={(e) => set({ interviewDate: e.target.value })} />
            <span className="hint">The study plan runs up to this day.</span>
          </label>
          <ErrorBox error={save.error} />
          {saved && (
            <p className="success" role="status">
              Settings saved.
            </p>
          )}
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? "Saving…" : "Save settings"}
          </button>
        </form>
        <div className="stack">
          <section className="card stack" aria-labelledby="theme-title">
            <h2 id="theme-title">Appearance</h2>
            <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="sr-only">Theme</legend>
              {(["system", "light", "dark"] as Theme[]).map((t) => (
                <label key={t} className="inline">
                  <input
                    type="radio"
                    name="theme"
                    value={t}
                    checked={theme === t}
                    onChange={() => {
                      setTheme(t);
                      applyTheme(t);
                    }}
                  />
                  {t === "system" ? "Follow the system" : t === "light" ? "Light" : "Dark"}
                </label>
              ))}
            </fieldset>
          </section>
          <EditorSection />
          <PasswordSection />
          <SessionsSection />
        </div>
        <TokensSection />
        <BlindModeSection />
        <LeetCodeSection />
        <DataSection />
      </div>
    </>
  );
}

function PasswordSection() {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    await api.post("/me/password", { currentPassword, newPassword });
    setCurrent("");
    setNew("");
    setDone(true);
  });
  return (
    <form
      className="card stack"
      aria-labelledby="password-title"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        void change.act();
      }}
    >
      <h2 id="password-title">Password</h2>
      <label>
        Current password
        <input
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </label>
      <label>
        New password
        <input
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          required
        />
      </label>
      <ErrorBox error={change.error} />
      {done && (
        <p className="success" role="status">
          Password changed; your other sessions were logged out.
        </p>
      )}
      <button type="submit" disabled={change.busy}>
        Change password
      </button>
    </form>
  );
}

function SessionsSection() {
  const { logout } = useSession();
  const everywhere = useAction(async () => {
    await api.post("/auth/logout-all", {});
    await logout();
  });
  return (
    <section className="card stack" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p className="muted">Lost a laptop or used a shared computer? End every session of this account.</p>
      <ErrorBox error={everywhere.error} />
      <button type="button" className="danger" disabled={everywhere.busy} onClick={() => void everywhere.act()}>
        Log out everywhere
      </button>
    </section>
  );
}

// The blind-mode setting: hide difficulty, rating and topics of problems until an attempt is logged, so
// that recognising the pattern is part of the practice.
import { useState } from "react";
import { api } from "../api";
import { useAction } from "../hooks";
import { useSession } from "../session";
import { ErrorBox } from "./ui";

export function BlindModeSection() {
  const { user, setUser } = useSession();
  const [on, setOn] = useState(Boolean(user.blindMode));
  const save = useAction(async (value: boolean) => {
    const result = await api.patch("/me/settings", { blindMode: value });
    setUser(result.user);
    setOn(Boolean(result.user.blindMode));
  });
  return (
    <section className="card stack" aria-labelledby="blind-title">
      <h2 id="blind-title">Blind practice</h2>
      <label className="row">
        <input type="checkbox" checked={on} disabled={save.busy} onChange={(e) => void save.act(e.target.checked)} />
        Hide difficulty, rating and topics until I have logged an attempt
      </label>
      <p className="muted">The export always contains everything.</p>
      <ErrorBox error={save.error} />
    </section>
  );
}

// The user's latest attempts, newest first, each editable and deletable.
import { api } from "../api";
import { useLoad } from "../hooks";
import { AttemptList } from "./AttemptList";
import { Async } from "./ui";

export function RecentAttempts({ version, onChanged }: { version: number; onChanged?: () => void }) {
  const attempts = useLoad((signal) => api.get("/attempts", { limit: 10 }, signal), [version]);
  return (
    <section className="card" aria-labelledby="recent-title" style={{ marginTop: "1rem" }}>
      <h2 id="recent-title">Recent attempts</h2>
      <Async state={attempts} label="Loading attempts…">
        {(page) => (
          <AttemptList
            attempts={page.items}
            showProblem
            empty="No attempts yet: pick a problem above and log how it went."
            onChanged={() => {
              attempts.reload();
              onChanged?.();
            }}
          />
        )}
      </Async>
    </section>
  );
}

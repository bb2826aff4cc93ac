// In-app notifications (interview reminders and others), newest first, with read state.
import { api } from "../api";
import { useAction, useLoad } from "../hooks";
import { formatDateTime } from "../lib/format";
import { Async, Empty, ErrorBox } from "./ui";

export function Notifications() {
  const list = useLoad((signal) => api.get("/notifications", { limit: 20 }, signal), []);
  const read = useAction(async (id?: number) => {
    await api.post(id ? `/notifications/${id}/read` : "/notifications/read-all", {});
    list.reload();
  });
  return (
    <section className="card stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">
        Notifications {list.data && list.data.unread > 0 && `(${list.data.unread} unread)`}
      </h2>
      <ErrorBox error={read.error} />
      <Async state={list} label="Loading notifications…">
        {(n) =>
          n.items.length === 0 ? (
            <Empty>No notifications. Reminders arrive 24 hours, 1 hour and 5 minutes before an interview.</Empty>
          ) : (
            <>
              <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {n.items.map((item) => (
                  <li key={item.id} style={item.readAt ? { opacity: 0.7 } : undefined}>
                    <strong>{item.title}</strong> <span className="muted">{formatDateTime(item.createdAt)}</span>
                    {item.body && <div>{item.body}</div>}
                    {!item.readAt && (
                      <button type="button" className="link" onClick={() => void read.act(item.id)}>
                        Mark read
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              {n.unread > 0 && (
                <button type="button" onClick={() => void read.act()} disabled={read.busy}>
                  Mark all read
                </button>
              )}
            </>
          )
        }
      </Async>
    </section>
  );
}

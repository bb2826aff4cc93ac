// Export everything the account owns (JSON, CSV zip, Excel) and import a JSON export into an empty account.
import { useRef, useState } from "react";
import { api, download } from "../api";
import { useAction } from "../hooks";
import { keyWords } from "../lib/format";
import { ErrorBox } from "./ui";

const FORMATS = [
  { id: "json", label: "JSON" },
  { id: "csv", label: "CSV (zip)" },
  { id: "xlsx", label: "Excel" },
];

export function DataSection() {
  const [downloaded, setDownloaded] = useState<string>();
  const [imported, setImported] = useState<string>();
  const file = useRef<HTMLInputElement>(null);
  const exportData = useAction(async (format: string) => {
    setDownloaded(undefined);
    setDownloaded(await download("/export", { format }));
  });
  const importData = useAction(async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) throw new Error("Choose a JSON export file first.");
    let document: unknown;
    try {
      document = JSON.parse(await chosen.text());
    } catch {
      throw new Error(`${chosen.name} is not a JSON export (it could not be parsed).`);
    }
    const report = await api.post("/import", document);
    const parts = Object.entries(report.counts ?? {})
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${keyWords(kind)}`);
    setImported(parts.length ? `Imported ${parts.join(", ")}.` : "The file held nothing to import.");
  });
  return (
    <section className="card stack" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p className="muted">Download everything you have recorded, or restore a JSON export into an empty account.</p>
      <div className="row">
        {FORMATS.map((f) => (
          <button key={f.id} type="button" disabled={exportData.busy} onClick={() => void exportData.act(f.id)}>
            Export {f.label}
          </button>
        ))}
      </div>
      {downloaded && (
        <p className="success" role="status">
          Downloaded {downloaded}.
        </p>
      )}
      <ErrorBox error={exportData.error} />
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setImported(undefined);
          void importData.act();
        }}
      >
        <label>
          JSON export to import
          <input ref={file} type="file" accept="application/json,.json" />
        </label>
        <button type="submit" disabled={importData.busy}>
          Import
        </button>
      </form>
      {imported && (
        <p className="success" role="status">
          {imported}
        </p>
      )}
      <ErrorBox error={importData.error} />
    </section>
  );
}

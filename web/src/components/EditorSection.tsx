// Settings → Code editor: indent size for the brace languages and font size, kept in this browser (like
// the theme). Python always uses 4 spaces. There are no vim keys: no vim keymap package is installed.
import { useState } from "react";
import { type EditorPrefs, FONT_SIZES, loadEditorPrefs, saveEditorPrefs } from "../lib/editor-prefs";

export function EditorSection() {
  const [prefs, setPrefs] = useState<EditorPrefs>(loadEditorPrefs);
  const [saved, setSaved] = useState(false);
  const update = (patch: Partial<EditorPrefs>) => {
    const next = { ...prefs, ...patch };
    setPrefs(next);
    saveEditorPrefs(next);
    setSaved(true);
  };
  return (
    <section className="card stack" aria-labelledby="editor-title">
      <h2 id="editor-title">Code editor</h2>
      <div className="row">
        <label>
          Indent (JavaScript, TypeScript, Java, C++)
          <select
            value={prefs.indentSize}
            onChange={(e) => update({ indentSize: Number(e.target.value) === 2 ? 2 : 4 })}
          >
            <option value={4}>4 spaces</option>
            <option value={2}>2 spaces</option>
          </select>
        </label>
        <label>
          Font size
          <select value={prefs.fontSize} onChange={(e) => update({ fontSize: Number(e.target.value) })}>
            {FONT_SIZES.map((size) => (
              <option key={size} value={size}>
                {size} px
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">
        Python always indents with 4 spaces. Tab and Shift+Tab indent and dedent. Applies to editors opened from now on,
        in this browser.
      </p>
      {saved && (
        <p className="success" role="status">
          Editor preferences saved.
        </p>
      )}
    </section>
  );
}

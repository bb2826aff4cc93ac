// CodeMirror 6 with a language that can change without losing the text. The editor is the user's draft:
// every change is reported up (and kept in sessionStorage by the page).

import { indentWithTab } from "@codemirror/commands";
import { cpp } from "@codemirror/lang-cpp";
import { java } from "@codemirror/lang-java";
import { javascript } from "@codemirror/lang-javascript";
import { python } from "@codemirror/lang-python";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";

function languageExtension(language: string): Extension {
  switch (language) {
    case "python":
      return python();
    case "java":
      return java();
    case "cpp":
      return cpp();
    case "typescript":
      return javascript({ typescript: true });
    default:
      return javascript();
  }
}

const theme = EditorView.theme({
  "&": { fontSize: "14px", border: "1px solid var(--border)", borderRadius: "6px", background: "var(--surface)" },
  ".cm-content": { fontFamily: "ui-monospace, Menlo, Consolas, monospace", caretColor: "var(--text)" },
  ".cm-gutters": { background: "var(--surface-2)", color: "var(--muted)", border: "none" },
  "&.cm-focused": { outline: "none", boxShadow: "var(--focus)" },
  ".cm-scroller": { minHeight: "260px", maxHeight: "60vh" },
});

export function CodeEditor({
  value,
  language,
  onChange,
  label,
}: {
  value: string;
  language: string;
  onChange: (code: string) => void;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once; value/language sync below
  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          lang.current.of(languageExtension(language)),
          theme,
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: lang.current.reconfigure(languageExtension(language)) });
  }, [language]);

  // replace the text when the page swaps it (a new question or language's starter code)
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} className="code-editor" />;
}

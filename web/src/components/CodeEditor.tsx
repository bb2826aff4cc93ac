// CodeMirror 6 with a language that can change without losing the text. Indentation follows the language
// (Python: 4 spaces; the others: the Settings preference), Tab/Shift-Tab indent and dedent, and the
// colours come from the app's theme (CSS custom properties), so dark mode stays readable.

import { indentWithTab } from "@codemirror/commands";
import { cpp } from "@codemirror/lang-cpp";
import { java } from "@codemirror/lang-java";
import { javascript } from "@codemirror/lang-javascript";
import { python } from "@codemirror/lang-python";
import { HighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import { indentFor, loadEditorPrefs } from "../lib/editor-prefs";

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

function indentation(language: string): Extension {
  const size = indentFor(language, loadEditorPrefs());
  return [indentUnit.of(" ".repeat(size)), EditorState.tabSize.of(size)];
}

// Token colours are CSS variables (styles.css defines them for light and dark), each at least 4.5:1
// against the editor's background.
const highlight = HighlightStyle.define([
  {
    tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword],
    color: "var(--code-keyword)",
  },
  { tag: [tags.operatorKeyword, tags.self], color: "var(--code-keyword)" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: "var(--code-string)" },
  { tag: [tags.number, tags.integer, tags.float], color: "var(--code-number)" },
  { tag: [tags.bool, tags.null, tags.atom], color: "var(--code-atom)" },
  {
    tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment],
    color: "var(--code-comment)",
    fontStyle: "italic",
  },
  {
    tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))],
    color: "var(--code-function)",
  },
  { tag: [tags.definition(tags.variableName), tags.definition(tags.propertyName)], color: "var(--code-function)" },
  { tag: [tags.typeName, tags.className, tags.namespace, tags.standard(tags.typeName)], color: "var(--code-type)" },
  { tag: [tags.propertyName, tags.attributeName], color: "var(--code-property)" },
  { tag: [tags.variableName, tags.punctuation, tags.operator, tags.bracket], color: "var(--text)" },
  { tag: tags.invalid, color: "var(--danger)" },
]);

function theme(fontSize: number): Extension {
  return EditorView.theme({
    "&": {
      fontSize: `${fontSize}px`,
      border: "1px solid var(--border)",
      borderRadius: "6px",
      background: "var(--surface)",
      color: "var(--text)",
    },
    ".cm-content": { fontFamily: "ui-monospace, Menlo, Consolas, monospace", caretColor: "var(--text)" },
    ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text)" },
    ".cm-gutters": { background: "var(--surface-2)", color: "var(--muted)", border: "none" },
    ".cm-activeLine": { background: "var(--code-active-line)" },
    ".cm-activeLineGutter": { background: "var(--code-active-line)", color: "var(--text)" },
    "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
      background: "var(--code-selection) !important",
    },
    ".cm-matchingBracket, &.cm-focused .cm-matchingBracket": {
      background: "var(--code-selection)",
      outline: "1px solid var(--muted)",
    },
    ".cm-tooltip": { background: "var(--surface-2)", color: "var(--text)", border: "1px solid var(--border)" },
    "&.cm-focused": { outline: "none", boxShadow: "var(--focus)" },
    ".cm-scroller": { minHeight: "260px", maxHeight: "60vh" },
  });
}

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
  const indent = useRef(new Compartment());
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
          indent.current.of(indentation(language)),
          syntaxHighlighting(highlight),
          theme(loadEditorPrefs().fontSize),
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
    view.current?.dispatch({
      effects: [
        lang.current.reconfigure(languageExtension(language)),
        indent.current.reconfigure(indentation(language)),
      ],
    });
  }, [language]);

  // replace the text when the page swaps it (a new question or language's starter code)
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} className="code-editor" data-language={language} />;
}

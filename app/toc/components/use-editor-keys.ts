import { type Dispatch, type RefObject, useEffect } from "react";
import { type EditorAction, type EditorState, isDirty } from "../editor-state";

/**
 * The editor's keyboard shortcuts, for those who may edit: Ctrl/⌘+S saves (when there is something to save);
 * outside a form field, Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z or Ctrl+Y redoes, Ctrl/⌘+C copies the selected nodes
 * (unless text is selected) and Ctrl/⌘+V pastes them. In a field, the field's own undo, copy and paste apply.
 */
export function useEditorKeys({
  enabled,
  latest,
  dispatch,
  save,
}: {
  enabled: boolean;
  latest: RefObject<EditorState>;
  dispatch: Dispatch<EditorAction>;
  save: () => Promise<void>;
}) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        if (isDirty(latest.current)) void save();
        return;
      }
      const target = event.target as HTMLElement | null;
      const typing =
        target?.closest("input, textarea, select, [contenteditable=true]") !== null && target !== null;
      if (typing) return; // the field's own undo, copy and paste
      if (key === "z" && !event.shiftKey) dispatch({ type: "undo" });
      else if ((key === "z" && event.shiftKey) || key === "y") dispatch({ type: "redo" });
      else if (key === "c" && !window.getSelection()?.toString()) dispatch({ type: "copy" });
      else if (key === "v") dispatch({ type: "paste" });
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled, latest, dispatch, save]);
}

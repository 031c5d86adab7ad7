import { type Dispatch, type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useBlocker, useRevalidator } from "react-router";
import { type Translate, useI18n } from "../../i18n/i18n";
import {
  type EditorAction,
  type EditorState,
  editDocument,
  editorReducer,
  type GaveWay,
  isDirty,
  type LoadedCanvas,
  mergeEdits,
} from "../editor-state";

/** What the status line shows after a save: its answer, the problems it found, and what gave way in a merge. */
export type SaveMessage = {
  tone: "success" | "error";
  text: string;
  problems?: string[];
  gaveWay?: { title: string; items: string[] };
};

/** Someone saved the canvas first: their version, and who saved it (when the server knows). */
export type Conflict = { canvas: LoadedCanvas; savedBy: string | null };

type SaveAnswer = {
  status?: string;
  message?: string;
  canvas?: LoadedCanvas;
  savedBy?: string | null;
  problems?: { path: string; message: string }[];
};

/** One of my changes that gave way in a merge, as a sentence naming the element or link and who kept theirs. */
export function describeGaveWay(t: Translate, change: GaveWay, name: string): string {
  switch (change.what) {
    case "move":
      return t("toc.editor.gaveWay.move", { code: change.code, name });
    case "elementField":
      return t("toc.editor.gaveWay.elementField", {
        code: change.code,
        field: t(`toc.editor.gaveWay.field.${change.field}`),
        name,
      });
    case "linkField":
      return t("toc.editor.gaveWay.linkField", {
        from: change.from,
        to: change.to,
        field: t(`toc.editor.gaveWay.field.${change.field}`),
        name,
      });
    case "setting":
      return t("toc.editor.gaveWay.setting", { field: t(`toc.editor.gaveWay.field.${change.field}`), name });
    case "elementDeleted":
      return t("toc.editor.gaveWay.elementDeleted", { code: change.code, name });
    case "linkDeleted":
      return t("toc.editor.gaveWay.linkDeleted", { from: change.from, to: change.to, name });
    case "linkDropped":
      return t("toc.editor.gaveWay.linkDropped", { from: change.from, to: change.to, name });
    case "codeTaken":
      return t("toc.editor.gaveWay.codeTaken", { code: change.code, now: change.now, name });
  }
}

/**
 * Saving the canvas (`POST <canvas>.json`, app/routes/toc.canvas.ts) and the way out of a conflict: one save at a
 * time; a 409 keeps my edits and opens the conflict (their version and who saved it); "reload" takes their version,
 * "merge" applies my edits again on it (`mergeEdits`), saves at once and tells me which of my changes gave way.
 */
export function useCanvasSave({
  url,
  latest,
  dispatch,
}: {
  /** The canvas's JSON address. */
  url: string;
  /** The editor's state as of now (a ref: a save reads the state when it starts, not when it was rendered). */
  latest: RefObject<EditorState>;
  dispatch: Dispatch<EditorAction>;
}) {
  const { t } = useI18n();
  const revalidator = useRevalidator();
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<SaveMessage | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  // One save at a time: a second Ctrl+S while the first is on its way would meet the first's new version.
  const inFlight = useRef(false);
  const save = useCallback(
    async (from: EditorState = latest.current, gaveWay?: SaveMessage["gaveWay"]) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setSaving(true);
      setMessage(null);
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(editDocument(from)),
        });
        const answer = (await response.json().catch(() => ({}))) as SaveAnswer;
        if (response.status === 200 && answer.canvas) {
          dispatch({ type: "saved", canvas: { version: answer.canvas.version, doc: answer.canvas.doc } });
          setMessage({ tone: "success", text: answer.message ?? t("toc.editor.saved"), gaveWay });
          revalidator.revalidate();
        } else if (response.status === 409 && answer.canvas) {
          setConflict({
            canvas: { version: answer.canvas.version, doc: answer.canvas.doc },
            savedBy: answer.savedBy ?? null,
          });
        } else {
          setMessage({
            tone: "error",
            text: answer.message ?? t("toc.editor.saveFailed"),
            problems: answer.problems?.map((problem) => problem.message),
            gaveWay,
          });
        }
      } catch {
        setMessage({ tone: "error", text: t("toc.editor.saveFailed"), gaveWay });
      } finally {
        inFlight.current = false;
        setSaving(false);
      }
    },
    [url, latest, dispatch, revalidator, t],
  );

  const reloadTheirs = () => {
    if (!conflict) return;
    dispatch({ type: "load", canvas: conflict.canvas });
    setConflict(null);
    setMessage({ tone: "success", text: t("toc.editor.reloaded", { version: conflict.canvas.version }) });
    revalidator.revalidate();
  };

  const mergeAndSave = () => {
    if (!conflict) return;
    const mine = latest.current;
    // The reducer is pure: the merged state it will hold is computed here too, and saved at once.
    const merged = editorReducer(mine, { type: "rebase", canvas: conflict.canvas });
    const { gaveWay } = mergeEdits(mine.base, mine.present, conflict.canvas.doc);
    const name = conflict.savedBy ?? t("toc.editor.gaveWay.someone");
    dispatch({ type: "rebase", canvas: conflict.canvas });
    setConflict(null);
    void save(
      merged,
      gaveWay.length
        ? {
            title: t("toc.editor.gaveWay.title", { name }),
            items: gaveWay.map((change) => describeGaveWay(t, change, name)),
          }
        : undefined,
    );
  };

  return {
    save,
    saving,
    message,
    setMessage,
    conflict,
    dismissConflict: () => setConflict(null),
    reloadTheirs,
    mergeAndSave,
  };
}

/**
 * Unsaved changes are not lost by leaving: a link inside the app asks first (the returned blocker, for the page's
 * dialog), and closing or reloading the tab gets the browser's own warning.
 */
export function useUnsavedChangesGuard({
  canEdit,
  dirty,
  latest,
}: {
  canEdit: boolean;
  dirty: boolean;
  latest: RefObject<EditorState>;
}) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      canEdit && isDirty(latest.current) && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  return blocker;
}

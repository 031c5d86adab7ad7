import { type ReactNode, useEffect, useRef } from "react";
import { useI18n } from "../../i18n/i18n";

/** A side panel of the editor: a card that opens and closes. */
export function Panel({
  title,
  open = false,
  children,
}: {
  title: string;
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details className="card toc-panel" open={open}>
      <summary>
        <h2>{title}</h2>
      </summary>
      {children}
    </details>
  );
}

/** The keyboard shortcuts, as the side panel lists them. */
export function KeyboardHelp() {
  const { t } = useI18n();
  const keys = ["tab", "select", "arrows", "delete", "link", "undo", "copy", "save"] as const;
  return (
    <dl className="toc-keys">
      {keys.map((key) => (
        <div key={key}>
          <dt>{t(`toc.editor.keys.${key}`)}</dt>
          <dd>{t(`toc.editor.keys.${key}.what`)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A modal dialog (the browser's own: it keeps the focus inside and Escape closes it). */
export function Dialog({
  open,
  labelledBy,
  onCancel,
  children,
}: {
  open: boolean;
  labelledBy: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="toc-dialog"
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open && children}
    </dialog>
  );
}

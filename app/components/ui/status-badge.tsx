import { useI18n } from "../../i18n/i18n";
import type { ElementStatus } from "../../plan-graph/vocabulary";

/** A symbol for each status, so that status never depends on colour alone. */
const symbols: Record<ElementStatus, string> = {
  planned: "○",
  future: "◇",
  active: "●",
  completed: "✓",
  dropped: "✕",
};

export function StatusBadge({ status }: { status: ElementStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-status-${status}`}>
      <span aria-hidden="true">{symbols[status]}</span> {t(`status.${status}`)}
    </span>
  );
}

export function Badge({
  tone = "neutral",
  children,
}: {
  tone?: "neutral" | "notice";
  children: React.ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

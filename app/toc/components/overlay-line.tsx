import { Percent, RollUpStatusBadge } from "../../dashboards/components";
import { useI18n } from "../../i18n/i18n";
import type { NodeOverlay } from "../overlay.server";

export type OverlayValue = NodeOverlay;

/**
 * An element's roll-up on the canvas and in the table: its status (symbol and words) and its progress against
 * expected, or, honestly, that there is no data (an element the roll-up does not know yet, such as a new one).
 */
export function OverlayLine({
  overlay,
  compact = false,
}: {
  overlay: OverlayValue | null;
  compact?: boolean;
}) {
  const { t } = useI18n();
  if (!overlay)
    return (
      <p className="toc-overlay toc-overlay-none" data-status="none">
        <span className="badge badge-rollup badge-rollup-no_data" data-status="no_data">
          <span aria-hidden="true">?</span> {t("toc.editor.noData")}
        </span>
      </p>
    );
  return (
    <p className="toc-overlay" data-status={overlay.status}>
      <RollUpStatusBadge status={overlay.status} unjudged={overlay.unjudged} />
      {overlay.score !== null && (
        <span className="toc-overlay-score">
          {compact ? "" : `${t("label.colon", { label: t("dashboard.score") })} `}
          <Percent value={overlay.score} />
          {compact ? ` ${t("toc.editor.ofExpected")}` : ""}
        </span>
      )}
    </p>
  );
}

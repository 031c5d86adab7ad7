import { useI18n } from "../../i18n/i18n";

/**
 * Marks generated demo data wherever it is shown (plan cards, plan, element and indicator pages, later dashboards),
 * so invented figures are never read as real ones. `explain` adds the sentence saying what it means.
 */
export function SyntheticBadge({ explain = false }: { explain?: boolean }) {
  const { t } = useI18n();
  const badge = (
    <span className="badge badge-synthetic">
      <span aria-hidden="true">⚗</span> {t("synthetic.badge")}
    </span>
  );
  if (!explain) return badge;
  return (
    <p className="notice synthetic-notice">
      {badge} {t("synthetic.explanation")}
    </p>
  );
}

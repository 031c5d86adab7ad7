import { formatDate, useI18n } from "../../i18n/i18n";
import type { PlanSummary } from "../queries.server";

/** "1 January 2010 – 31 December 2012 · Closed" */
export function PlanPeriod({ plan }: { plan: Pick<PlanSummary, "startDate" | "endDate" | "status"> }) {
  const { t, locale } = useI18n();
  return (
    <p className="meta">
      {t("plan.period", { start: formatDate(plan.startDate, locale), end: formatDate(plan.endDate, locale) })}
      {" · "}
      {t(`planStatus.${plan.status}`)}
    </p>
  );
}

/** How many objectives, strategies and activities the plan has. */
export function PlanCounts({ counts }: { counts: PlanSummary["counts"] }) {
  const { t } = useI18n();
  return (
    <dl className="counts">
      {(["objective", "strategy", "activity"] as const).map((kind) => (
        <div key={kind}>
          <dt>{t(`kindPlural.${kind}`)}</dt>
          <dd>{counts[kind] ?? 0}</dd>
        </div>
      ))}
    </dl>
  );
}

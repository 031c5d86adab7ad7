import { Badge } from "../components/ui/status-badge";
import { formatDateTime, type Locale, type Translate, useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";

/** Pieces shared by the KoboToolbox pages. */

export function RunOutcome({ outcome }: { outcome: string }) {
  const { t } = useI18n();
  return (
    <Badge tone={outcome === "succeeded" ? "neutral" : "notice"}>
      <span aria-hidden="true">{outcome === "succeeded" ? "✓" : "✕"}</span>{" "}
      {t(outcome === "succeeded" ? "kobo.outcome.succeeded" : "kobo.outcome.failed")}
    </Badge>
  );
}

/** A run report item (a skipped submission or a note about the form), in the reader's language. */
export function runItemText(
  t: Translate,
  item: { code?: string; params?: Record<string, string | number>; reason: string },
) {
  if (!item.code) return item.reason;
  const key = `kobo.${item.code}` as MessageKey;
  const text = t(key, item.params ?? {});
  return text === key ? item.reason : text;
}

/** The mock-mode notice of `npm run dev:mocks`: what to type to reach the simulated server. */
export function MocksNotice({
  mocks,
}: {
  mocks: { server: string; token: string; forms: string[]; failingServer: string } | null;
}) {
  const { t } = useI18n();
  if (!mocks) return null;
  return (
    <p className="notice">
      {t("kobo.mocksNotice", {
        server: mocks.server,
        token: mocks.token,
        forms: mocks.forms.join(", "),
        failing: mocks.failingServer,
      })}
    </p>
  );
}

/** A dimension's name: the built-in ones are translated, a custom one shows its code. */
export function DimensionName({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <>{["region", "gender", "language"].includes(code) ? t(`kobo.dimension.${code}` as MessageKey) : code}</>
  );
}

/** Kobo's `_submission_time` (UTC, usually without a zone) in the reader's language; as it is if it cannot be read. */
export function submissionTimeText(value: string, locale: Locale): string {
  const moment = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(moment.getTime()) ? value : formatDateTime(moment, locale);
}

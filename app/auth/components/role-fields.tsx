import { useI18n } from "../../i18n/i18n";
import { roles } from "../roles";

type Grant = { role: string; accessUntil: string | null };

/** The role checkboxes, a consultant's end date and a funder's organisation: shared by "new user" and "edit user". */
export function RoleFields({
  grants = [],
  funderCode,
  funders,
  errors = () => undefined,
}: {
  grants?: readonly Grant[];
  funderCode?: string | null;
  funders: readonly { code: string; label: string }[];
  /** The translated problem of a field (`useProblems(actionData).of`). */
  errors?: (field: string) => string | undefined;
}) {
  const { t } = useI18n();
  const held = new Set(grants.map((grant) => grant.role));
  const until = grants.find((grant) => grant.role === "consultant")?.accessUntil ?? "";
  const accessUntilError = errors("accessUntil");
  const funderError = errors("funderCode");
  return (
    <fieldset className="role-fields">
      <legend>{t("users.roles")}</legend>
      {roles.map((role) => (
        <label key={role} className="check">
          <input type="checkbox" name="roles" value={role} defaultChecked={held.has(role)} />{" "}
          {t(`role.${role}`)}
        </label>
      ))}
      <div className={accessUntilError ? "field field-invalid" : "field"}>
        <label htmlFor="accessUntil">{t("users.accessUntil")}</label>
        <input id="accessUntil" name="accessUntil" type="date" defaultValue={until} />
        {accessUntilError && <p className="field-error">{accessUntilError}</p>}
      </div>
      <div className={funderError ? "field field-invalid" : "field"}>
        <label htmlFor="funderCode">{t("users.funder")}</label>
        <select id="funderCode" name="funderCode" defaultValue={funderCode ?? ""}>
          <option value="">—</option>
          {funders.map((funder) => (
            <option key={funder.code} value={funder.code}>
              {funder.label}
            </option>
          ))}
        </select>
        {funderError && <p className="field-error">{funderError}</p>}
      </div>
    </fieldset>
  );
}

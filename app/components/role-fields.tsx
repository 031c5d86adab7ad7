import { roles } from "../auth/roles";
import { useI18n } from "../i18n/i18n";

type Grant = { role: string; accessUntil: string | null };

/** The role checkboxes, a consultant's end date and a funder's organisation: shared by "new user" and "edit user". */
export function RoleFields({
  grants = [],
  funderCode,
  funders,
  errors = {},
}: {
  grants?: readonly Grant[];
  funderCode?: string | null;
  funders: readonly { code: string; label: string }[];
  errors?: Partial<Record<string, string>>;
}) {
  const { t } = useI18n();
  const held = new Set(grants.map((grant) => grant.role));
  const until = grants.find((grant) => grant.role === "consultant")?.accessUntil ?? "";
  return (
    <fieldset className="role-fields">
      <legend>{t("users.roles")}</legend>
      {roles.map((role) => (
        <label key={role} className="check">
          <input type="checkbox" name="roles" value={role} defaultChecked={held.has(role)} />{" "}
          {t(`role.${role}`)}
        </label>
      ))}
      <div className={errors.accessUntil ? "field field-invalid" : "field"}>
        <label htmlFor="accessUntil">{t("users.accessUntil")}</label>
        <input id="accessUntil" name="accessUntil" type="date" defaultValue={until} />
        {errors.accessUntil && <p className="field-error">{errors.accessUntil}</p>}
      </div>
      <div className={errors.funderCode ? "field field-invalid" : "field"}>
        <label htmlFor="funderCode">{t("users.funder")}</label>
        <select id="funderCode" name="funderCode" defaultValue={funderCode ?? ""}>
          <option value="">—</option>
          {funders.map((funder) => (
            <option key={funder.code} value={funder.code}>
              {funder.label}
            </option>
          ))}
        </select>
        {errors.funderCode && <p className="field-error">{errors.funderCode}</p>}
      </div>
    </fieldset>
  );
}

import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { createUser, listUsers } from "../auth/accounts.server";
import { RoleFields } from "../auth/components/role-fields";
import { isDemo, requirePermission } from "../auth/request.server";
import { funderChoices, grantsFrom, isKnownFunder, roleFields } from "../auth/user-forms.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { answerRefused, refusal } from "../errors";
import { parseForm } from "../forms/parse.server";
import { problem } from "../forms/problem";
import { fieldRules } from "../forms/rules.server";
import { useProblems } from "../forms/use-problems";
import { useI18n } from "../i18n/i18n";
import type { Route } from "./+types/admin.users";

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "users.manage" });
  const db = await getDb();
  return {
    users: await listUsers({ db }),
    funders: await funderChoices(db, isDemo()),
    rules: fieldRules(newUserForm),
  };
}

const newUserForm = z.object({
  name: z.string().trim().min(1, "users.nameRequired").max(200, "users.nameRequired"),
  email: z.email("users.emailInvalid").max(254, "users.emailInvalid"),
  password: z.string().max(1024, "password.tooLong"),
  ...roleFields,
});

export async function action(args: Route.ActionArgs) {
  const admin = requirePermission(args, { action: "users.manage" });
  const form = await parseForm(args.request, newUserForm);
  if (!form.ok) return form.response;
  const db = await getDb();
  if (!(await isKnownFunder(db, form.data.funderCode, isDemo())))
    return refusal([problem("funderCode", "users.funderUnknown")], { values: form.values });
  try {
    const id = await createUser({
      db,
      actor: `user:${admin.id}`,
      email: form.data.email,
      name: form.data.name,
      password: form.data.password,
      grants: grantsFrom(form.data),
      funderCode: form.data.funderCode || null,
    });
    return redirect(`/admin/users/${id}`);
  } catch (error) {
    return answerRefused(error, form.values);
  }
}

export default function Users() {
  const { t } = useI18n();
  const { users, funders, rules } = useLoaderData<typeof loader>();
  const problems = useProblems(useActionData<typeof action>());
  return (
    <>
      <title>{`${t("users.title")} · Throughline`}</title>
      <h1>{t("users.title")}</h1>
      <Table caption={t("users.caption", { count: users.length })}>
        <thead>
          <tr>
            <th scope="col">{t("users.name")}</th>
            <th scope="col">{t("users.email")}</th>
            <th scope="col">{t("users.roles")}</th>
            <th scope="col">{t("users.secondFactor")}</th>
            <th scope="col">{t("users.status")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
              </td>
              <td>{user.email}</td>
              <td>{user.roles.map((grant) => t(`role.${grant.role}`)).join(", ")}</td>
              <td>{user.hasSecondFactor ? t("users.yes") : t("users.no")}</td>
              <td>{user.active ? t("users.active") : t("users.deactivated")}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Card>
        <h2>{t("users.new")}</h2>
        <p>{t("users.newIntro")}</p>
        <Form method="post" noValidate>
          <Field
            label={t("users.name")}
            name="name"
            {...rules.name}
            defaultValue={problems.value("name")}
            error={problems.of("name")}
          />
          <Field
            label={t("users.email")}
            name="email"
            type="email"
            required
            {...rules.email}
            defaultValue={problems.value("email")}
            error={problems.of("email")}
          />
          <Field
            label={t("users.initialPassword")}
            hint={t("password.rules")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            {...rules.password}
            error={problems.of("password")}
          />
          <RoleFields
            grants={[problems.values?.roles ?? []].flat().map((role) => ({
              role,
              accessUntil: problems.value("accessUntil") || null,
            }))}
            funderCode={problems.value("funderCode")}
            funders={funders}
            errors={problems.of}
          />
          <Button type="submit">{t("users.create")}</Button>
        </Form>
      </Card>
    </>
  );
}

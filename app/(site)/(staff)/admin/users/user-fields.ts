// The fields the create and edit forms share: name, role and where the user works.
import type { FieldOption, FormField } from "@/app/_components/action-form";
import { ROLES, type Role } from "@/db/schema";

type Translate = (key: string) => string;

export interface UserProfileValues {
  displayName: string;
  role: Role;
  departmentId: number;
  areaId: number;
}

export function userProfileFields(opts: {
  t: Translate;
  tRoles: Translate;
  departments: FieldOption[];
  areas: FieldOption[];
  /** The saved values when editing; none when creating. */
  values?: UserProfileValues;
}): FormField[] {
  const { t, tRoles, values } = opts;
  const roleOptions = ROLES.map((role) => ({ value: role, label: tRoles(role) }));
  return [
    { name: "displayName", label: t("displayName"), required: true, autoComplete: "off", defaultValue: values?.displayName },
    {
      name: "role",
      label: t("role"),
      type: "select",
      required: true,
      defaultValue: values?.role ?? "",
      options: values ? roleOptions : [{ value: "", label: t("chooseRole") }, ...roleOptions],
    },
    {
      name: "departmentId",
      label: t("department"),
      type: "select",
      required: true,
      defaultValue: values ? String(values.departmentId) : "",
      options: [{ value: "", label: t("chooseDepartment") }, ...opts.departments],
    },
    {
      name: "areaId",
      label: t("area"),
      type: "select",
      required: true,
      hint: t("areaHelp"),
      defaultValue: values ? String(values.areaId) : "",
      options: [{ value: "", label: t("chooseArea") }, ...opts.areas],
    },
  ];
}

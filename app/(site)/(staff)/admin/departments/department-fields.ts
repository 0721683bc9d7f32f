// The fields of the department create and edit forms.
import type { FieldOption, FormField } from "@/app/_components/action-form";
import type { Department } from "@/db/schema";

export function departmentFields(t: (key: string) => string, areas: FieldOption[], values?: Department): FormField[] {
  return [
    { name: "nameZh", label: t("nameZh"), required: true, autoComplete: "off", defaultValue: values?.nameZh },
    { name: "nameEn", label: t("nameEn"), required: true, autoComplete: "off", defaultValue: values?.nameEn },
    {
      name: "areaId",
      label: t("area"),
      type: "select",
      required: true,
      defaultValue: values ? String(values.areaId) : "",
      options: [{ value: "", label: t("chooseArea") }, ...areas],
    },
    { name: "active", label: t("active"), type: "checkbox", defaultValue: values?.active ?? true },
  ];
}

// The fields of the area create and edit forms.
import type { FieldOption, FormField } from "@/app/_components/action-form";
import { AREA_LEVELS, type Area } from "@/db/schema";

type Translate = (key: string) => string;

export function areaFields(t: Translate, tLevels: Translate, parents: FieldOption[], values?: Area): FormField[] {
  const levels = AREA_LEVELS.map((level) => ({ value: level, label: tLevels(level) }));
  return [
    { name: "code", label: t("code"), hint: t("codeHelp"), autoComplete: "off", defaultValue: values?.code ?? "" },
    { name: "nameZh", label: t("nameZh"), required: true, autoComplete: "off", defaultValue: values?.nameZh },
    { name: "nameEn", label: t("nameEn"), required: true, autoComplete: "off", defaultValue: values?.nameEn },
    {
      name: "level",
      label: t("level"),
      type: "select",
      required: true,
      defaultValue: values?.level ?? "",
      options: values ? levels : [{ value: "", label: t("chooseLevel") }, ...levels],
    },
    {
      name: "parentId",
      label: t("parent"),
      type: "select",
      defaultValue: values?.parentId ? String(values.parentId) : "",
      options: [{ value: "", label: t("noParent") }, ...parents],
    },
  ];
}

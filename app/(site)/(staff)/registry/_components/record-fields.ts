// A record type's form fields (lib/registry/field-table.ts) as ActionForm fields: labels,
// hints and options in the user's language, values from the record or its open draft.
import type { FieldOption, FormField } from "@/app/_components/action-form";
import type { Locale } from "@/db/schema";
import { REGISTRY_FIELDS, rawList, type RegistryField } from "@/lib/registry/field-table";
import { MEASURES, TARGET_SLOTS } from "@/lib/registry/measures";
import type { RegistryOptions } from "@/lib/registry/queries";
import type { RawValues, RecordType } from "@/lib/registry/types";
import type { Translate } from "./translate";

export function fieldOptions(field: RegistryField, options: RegistryOptions, t: Translate): FieldOption[] {
  if (!field.options) return [];
  if (typeof field.options === "string") return options[field.options];
  const { name, values } = field.options;
  return values.map((value) => ({ value, label: t(`enums.${name}.${value}`) }));
}

function measureOptions(t: Translate, locale: Locale): FieldOption[] {
  return Object.entries(MEASURES).map(([measure, info]) => ({
    value: measure,
    label: t("measureOption", { measure: t(`measures.${measure}`), unit: locale === "en" ? info.unitEn : info.unitZh }),
  }));
}

/** Six target rows: a measure (its unit in the label) beside its value. */
function targetFields(raw: RawValues, t: Translate, locale: Locale): FormField[] {
  const measures = [{ value: "", label: t("noneOption") }, ...measureOptions(t, locale)];
  const fields: FormField[] = [];
  for (let n = 1; n <= TARGET_SLOTS; n++) {
    const measure = `target_${n}_measure`;
    const value = `target_${n}_value`;
    fields.push(
      { name: measure, label: t("targetMeasure", { n }), type: "select", options: measures, defaultValue: String(raw[measure] ?? ""), row: `target_${n}` },
      { name: value, label: t("targetValue", { n }), inputMode: "decimal", defaultValue: String(raw[value] ?? ""), row: `target_${n}`, hint: n === 1 ? t("hints.targets") : undefined },
    );
  }
  return fields;
}

export function recordFormFields(type: RecordType, raw: RawValues, options: RegistryOptions, t: Translate, locale: Locale): FormField[] {
  return REGISTRY_FIELDS[type].flatMap((field): FormField[] => {
    if (field.kind === "targets") return targetFields(raw, t, locale);
    const value = raw[field.name];
    const text = Array.isArray(value) ? value.join(",") : (value ?? "");
    // A field's own hint (e.g. "leave blank for no threshold") comes before the general money hint.
    const hint = t.has(`hints.${field.name}`) ? t(`hints.${field.name}`) : field.kind === "money" ? t("hints.money") : undefined;
    const base = { name: field.name, label: t(`fields.${field.name}`), required: field.required, hint, row: field.row };
    switch (field.kind) {
      case "select": {
        const blank = { value: "", label: field.required ? t("choose") : t("noneOption") };
        return [{ ...base, type: "select", options: [blank, ...fieldOptions(field, options, t)], defaultValue: text }];
      }
      case "checkboxes":
        return [{ ...base, type: "checkboxes", options: fieldOptions(field, options, t), defaultValue: rawList(value) }];
      case "checkbox":
        return [{ ...base, type: "checkbox", defaultValue: text === "on" || text === "true" }];
      case "textarea":
      case "date":
        return [{ ...base, type: field.kind, defaultValue: text }];
      case "money":
        return [{ ...base, inputMode: "decimal", defaultValue: text }];
      case "number":
      case "year":
        return [{ ...base, inputMode: "numeric", defaultValue: text }];
      default:
        return [{ ...base, defaultValue: text }];
    }
  });
}

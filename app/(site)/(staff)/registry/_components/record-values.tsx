// A record's values with their labels, read from raw values: the stored record on its detail
// page, a submission's payload in the inbox and in the history. One reading for all three.
import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import type { TargetMeasure } from "@/db/schema";
import { resolveLocale } from "@/lib/i18n/locale";
import { formatYuan, parseYuanToFen } from "@/lib/money/fen";
import { REGISTRY_FIELDS, rawList, rawTargets, type RegistryField } from "@/lib/registry/field-table";
import { MEASURES, TARGET_SLOTS } from "@/lib/registry/measures";
import type { RegistryOptions } from "@/lib/registry/queries";
import { recordPath, type RawValues, type RecordType } from "@/lib/registry/types";
import { fieldOptions } from "./record-fields";
import type { Translate } from "./translate";

export interface Fact {
  label: string;
  value: ReactNode;
}

const EMPTY = <span className="muted">—</span>;

/** Where a chosen reference can be opened. */
const LINKED: Partial<Record<string, RecordType>> = { actions: "action", policies: "policy", masterPolicies: "policy", campaigns: "campaign" };

function show(field: RegistryField, value: RawValues[string], options: RegistryOptions, t: Translate, yesNo: (v: boolean) => string): ReactNode {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "").trim();
  if (field.kind === "checkbox") return yesNo(text === "on" || text === "true");
  if (field.kind === "checkboxes") {
    // Departments by every stored id (a department since closed still has its name); other lists by their options.
    const choices = field.options === "departments" || !field.options ? null : new Map(fieldOptions(field, options, t).map((o) => [o.value, o.label]));
    const names = rawList(value).map((id) => (choices ? choices.get(id) : options.departmentNames.get(id)) ?? `#${id}`);
    return names.length ? names.join(t("listSeparator")) : EMPTY;
  }
  if (!text) return EMPTY;
  if (field.kind === "money") {
    const fen = parseYuanToFen(text);
    return fen === null ? text : t("yuan", { amount: formatYuan(fen) });
  }
  if (field.kind === "number" && /^\d+$/.test(text)) return Number(text).toLocaleString("en-US");
  if (field.kind === "select") {
    const label = fieldOptions(field, options, t).find((o) => o.value === text)?.label ?? `#${text}`;
    const target = typeof field.options === "string" ? LINKED[field.options] : undefined;
    return target && /^\d+$/.test(text) ? <Link href={recordPath(target, Number(text))}>{label}</Link> : label;
  }
  if (field.name === "link" && /^https?:\/\//i.test(text)) {
    return (
      <a href={text} rel="noopener noreferrer" target="_blank">
        {text}
      </a>
    );
  }
  return field.kind === "textarea" ? <span className="prewrap">{text}</span> : text;
}

function TargetTable({ raw, t, locale }: { raw: RawValues; t: Translate; locale: string }) {
  const rows = rawTargets(raw, TARGET_SLOTS);
  if (rows.length === 0) return <p className="muted">{t("targetsEmpty")}</p>;
  return (
    <table className="compact" data-testid="targets-table">
      <caption className="visually-hidden">{t("targetsCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("measure")}</th>
          <th scope="col" className="num">{t("target")}</th>
          <th scope="col">{t("unit")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ slot, measure, value }) => {
          const info = MEASURES[measure as TargetMeasure];
          const fen = info?.money ? parseYuanToFen(value) : null;
          return (
            <tr key={slot}>
              <td>{info ? t(`measures.${measure}`) : measure}</td>
              <td className="num">{fen !== null ? formatYuan(fen) : value}</td>
              <td>{info ? (locale === "en" ? info.unitEn : info.unitZh) : ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The labelled values of one record type; `before` and `after` add facts that are not form fields. */
export async function RecordValues(props: { type: RecordType; raw: RawValues; options: RegistryOptions; before?: Fact[]; after?: Fact[]; testId?: string }) {
  const [t, tc, locale] = await Promise.all([getTranslations("registry"), getTranslations("common"), getLocale().then(resolveLocale)]);
  const yesNo = (v: boolean) => (v ? tc("yes") : tc("no"));
  const facts: Fact[] = [
    ...(props.before ?? []),
    ...REGISTRY_FIELDS[props.type].map((field) => ({
      label: t(`fields.${field.name}`),
      value: field.kind === "targets" ? <TargetTable raw={props.raw} t={t} locale={locale} /> : show(field, props.raw[field.name], props.options, t, yesNo),
    })),
    ...(props.after ?? []),
  ];
  return (
    <dl className="facts" data-testid={props.testId}>
      {facts.map((fact) => (
        <div className="fact" key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

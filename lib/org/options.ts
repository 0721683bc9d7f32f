import "server-only";
// Areas, departments and sectors as select options, named in the reader's language.
import { asc } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { sectors, type Locale } from "@/db/schema";
import { getAreaList, getDepartmentList } from "./queries";

export interface Option {
  value: string;
  label: string;
}

/** The name of an area or department in the given language. */
export function localName(row: { nameZh: string; nameEn: string }, locale: Locale): string {
  return locale === "en" ? row.nameEn : row.nameZh;
}

/** Every area; `exclude` leaves one out (an area cannot be its own parent). */
export function areaOptions(locale: Locale, opts: { exclude?: number } = {}): Option[] {
  return getAreaList()
    .filter((a) => a.id !== opts.exclude)
    .map((a) => ({ value: String(a.id), label: localName(a, locale) }));
}

/**
 * Active departments, labelled "department (area)". `include` keeps one inactive department
 * (the user's current one) so an edit form shows where the user is rather than a wrong default.
 */
export async function departmentOptions(locale: Locale, opts: { include?: number } = {}): Promise<Option[]> {
  const t = await getTranslations({ locale, namespace: "departments" });
  return getDepartmentList()
    .filter((d) => d.active || d.id === opts.include)
    .map((d) => {
      const label = t("optionLabel", {
        name: localName(d, locale),
        area: localName({ nameZh: d.areaNameZh, nameEn: d.areaNameEn }, locale),
      });
      return { value: String(d.id), label: d.active ? label : t("inactiveOption", { label }) };
    });
}

/** The sectors, in their statistical order. */
export function sectorOptions(locale: Locale): Option[] {
  return getDb()
    .select()
    .from(sectors)
    .orderBy(asc(sectors.position))
    .all()
    .map((s) => ({ value: String(s.id), label: localName(s, locale) }));
}

import { LOCALES, type Locale } from "@/db/schema";

export type { Locale };

export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "huimin_locale";

export function resolveLocale(value: unknown): Locale {
  return (LOCALES as readonly unknown[]).includes(value) ? (value as Locale) : DEFAULT_LOCALE;
}

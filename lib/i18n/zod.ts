import { z } from "zod";
import type { Locale } from "@/db/schema";

const maps = { "zh-CN": z.locales.zhCN().localeError, en: z.locales.en().localeError };

/** zod's own messages in the user's language, for issues a schema gives no message of its own. */
export function zodErrorMap(locale: Locale) {
  return maps[locale];
}

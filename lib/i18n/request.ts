import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "./locale";
import { messagesFor } from "./messages";

// The signed-in site keeps the language in a cookie, written at login from the user's saved choice
// and by the switch. The public pages carry it in their path and set it (setRequestLocale) before
// anything is translated, so they read no cookie and can be rendered once and cached.
export default getRequestConfig(async ({ requestLocale }) => {
  const fromPath = await requestLocale;
  const locale = resolveLocale(fromPath ?? (await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: messagesFor(locale), timeZone: "Asia/Shanghai", now: new Date() };
});

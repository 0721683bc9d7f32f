import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "./locale";
import { messagesFor } from "./messages";

// The language is kept in a cookie, written at login from the user's saved choice and by the switch.
export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: messagesFor(locale), timeZone: "Asia/Shanghai", now: new Date() };
});

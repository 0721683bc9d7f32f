import type { Locale } from "@/db/schema";
import zhCN from "./messages/zh-CN.json";
import en from "./messages/en.json";

export type Messages = typeof zhCN;

const MESSAGES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

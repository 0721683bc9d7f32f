import type { Locale } from "@/db/schema";
import zhCN from "./messages/zh-CN.json";
import en from "./messages/en.json";

export type Messages = typeof zhCN;

const MESSAGES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

/**
 * The messages client components use (by namespace, dotted for a part of one). Only these are sent
 * to the browser; every page would otherwise carry the whole catalogue (about 50 KB) in its payload.
 * lib/i18n/messages.test.ts checks that every client component's namespace is listed.
 */
export const CLIENT_NAMESPACES = ["status", "csv", "errors", "effects.upload"] as const;

export function clientMessages(locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of CLIENT_NAMESPACES) {
    const keys = path.split(".");
    let from: unknown = MESSAGES[locale];
    let to = out;
    keys.forEach((key, i) => {
      from = (from as Record<string, unknown>)[key];
      if (i === keys.length - 1) to[key] = from;
      else to = (to[key] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb, writeTransactionWhenFree } from "@/db/client";
import { appendAudit } from "@/lib/audit/log";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import { endSessions, findUserByUsername, setLocale } from "@/lib/users/service";
import { localeSchema } from "@/lib/users/schema";
import { signIn, signOut } from "./auth";
import { guardedAction, publicAction } from "./guard";
import { safeCallbackPath } from "./safe-redirect";

const ONE_YEAR = 365 * 24 * 60 * 60;

async function rememberLocale(locale: string) {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR, sameSite: "lax", httpOnly: true });
}

const loginSchema = z.object({
  username: z.string().trim().max(64).default(""),
  password: z.string().max(256).default(""),
  callbackUrl: z.string().max(2048).optional(),
});

export const loginAction = publicAction({ name: "login", schema: loginSchema }, async (input) => {
  const t = await getTranslations("auth");
  if (!input.username || !input.password) {
    return { ok: false, code: "INVALID", message: t("missingCredentials"), values: { username: input.username } };
  }
  const target = safeCallbackPath(input.callbackUrl);
  try {
    await signIn("credentials", { username: input.username, password: input.password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = error instanceof CredentialsSignin && error.code === "throttled";
      return {
        ok: false,
        code: "UNAUTHENTICATED",
        message: t(throttled ? "throttled" : "invalidCredentials"),
        values: { username: input.username },
      };
    }
    throw error;
  }
  // The user's own language choice follows them from device to device.
  const user = findUserByUsername(getDb(), input.username);
  if (user) await rememberLocale(user.locale);
  redirect(target);
});

export const logoutAction = guardedAction({
  name: "logout",
  entity: "session",
  access: "signed-in",
  schema: z.object({}),
  run: ({ tx, user }) => {
    // Bumping the session version makes this cookie, and any copy of it, worthless.
    endSessions(tx, user!.id);
    return { entityId: user!.id };
  },
  after: async () => {
    await signOut({ redirectTo: "/login?loggedOut=1" });
  },
});

export const setLocaleAction = publicAction({ name: "locale.set", schema: localeSchema }, async (input, { user, ip }) => {
  await rememberLocale(input.locale);
  if (user) {
    await writeTransactionWhenFree((tx) => {
      setLocale(tx, user.id, input.locale);
      appendAudit(tx, {
        actor: { id: user.id, name: user.username },
        action: "locale.set",
        entity: "user",
        entityId: user.id,
        before: { locale: user.locale },
        after: { locale: input.locale },
        outcome: "success",
        ip,
      });
    });
  }
  return { ok: true };
});

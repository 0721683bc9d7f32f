import "server-only";
// The one guard every server action and route handler goes through:
// session → role → zod parse → transaction (record scope → change → audit) → after.
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { writeTransactionWhenFree, type Tx } from "@/db/client";
import type { Role } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/log";
import { getSessionUser, type SessionUser } from "./session";
import { clientIp } from "./request-info";
import { zodErrorMap } from "@/lib/i18n/zod";
import { getLocale } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";
import { AppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";

export type GuardCode = AppErrorCode;
export type { FieldErrors };

export type ActionResult<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; code: GuardCode; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

/** Who may call: listed roles, any signed-in user, or anyone (login, language switch). */
export type Access = readonly Role[] | "signed-in" | "public";

/** What a change reports for its audit row. */
export interface Change<T> {
  /** The audited entity when one action serves several (defaults to the spec's). */
  entity?: string;
  entityId: number | string | null;
  before?: unknown;
  after?: unknown;
  message?: string;
  data?: T;
}

export interface ActionContext<I, P> {
  tx: Tx;
  /** Null only for public actions. */
  user: SessionUser | null;
  input: I;
  prepared: P;
}

export interface ActionSpec<S extends z.ZodType, P, T> {
  /** The audit action, e.g. "user.create". */
  name: string;
  entity: string;
  access: Access;
  schema: S;
  /** Async work on the parsed input before the (synchronous) transaction, e.g. hashing a password. */
  prepare?: (input: z.infer<S>, user: SessionUser | null) => Promise<P>;
  /** Runs inside one write transaction; load records through scope checks and throw AppError to refuse. */
  run: (ctx: ActionContext<z.infer<S>, P>) => Change<T>;
  /** After commit: revalidatePath / redirect (which throws, so it comes last). */
  after?: (change: Change<T>, input: z.infer<S>) => void | Promise<void>;
  /** Fields never echoed back to the form. */
  secretFields?: readonly string[];
}

const GUARDED = Symbol.for("huimin.guarded");

export type GuardedAction<T> = ((prev: unknown, formData?: unknown) => Promise<ActionResult<T>>) & {
  [GUARDED]: { name: string; access: Access };
};

/** True for functions made by `guardedAction`/`guardedRoute` (checked by the enumeration test). */
export function isGuarded(fn: unknown): boolean {
  return typeof fn === "function" && GUARDED in fn;
}

/** FormData or a plain object → a plain object; repeated keys become arrays; Next's `$ACTION_*` keys dropped. */
export function formToObject(input: unknown): Record<string, unknown> {
  if (input instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(input.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const all = input.getAll(key).map((v) => (typeof v === "string" ? v : v.name));
      out[key] = all.length === 1 ? all[0] : all;
    }
    return out;
  }
  return input && typeof input === "object" ? { ...(input as Record<string, unknown>) } : {};
}

async function requestIp(): Promise<string | null> {
  try {
    return clientIp(await headers());
  } catch {
    return null;
  }
}

function actorOf(user: SessionUser | null): AuditActor {
  return user ? { id: user.id, name: user.username } : { id: null, name: "anonymous" };
}

function auditRefusal(name: string, entity: string, user: SessionUser | null, code: GuardCode, ip: string | null): Promise<void> {
  return writeTransactionWhenFree((tx) =>
    appendAudit(tx, {
      actor: actorOf(user),
      action: name,
      entity,
      // Refused for who the caller is → denied; refused for what they sent or a fault → failure.
      outcome: code === "UNAUTHENTICATED" || code === "FORBIDDEN" || code === "NOT_FOUND" ? "denied" : "failure",
      detail: code,
      ip,
    }),
  );
}

/** Checks session and role; returns the refusal code or the user. */
async function authorise(access: Access): Promise<{ user: SessionUser | null; refusal: GuardCode | null }> {
  if (access === "public") return { user: await getSessionUser(), refusal: null };
  const user = await getSessionUser();
  if (!user) return { user, refusal: "UNAUTHENTICATED" };
  if (access !== "signed-in" && !access.includes(user.role)) return { user, refusal: "FORBIDDEN" };
  return { user, refusal: null };
}

function echoValues(raw: Record<string, unknown>, secret: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (secret.includes(k) || /password/i.test(k)) continue;
    values[k] = Array.isArray(v) ? v.join(",") : String(v ?? "");
  }
  return values;
}

export function guardedAction<S extends z.ZodType, P = undefined, T = undefined>(
  spec: ActionSpec<S, P, T>,
): GuardedAction<T> {
  const action = async (prev: unknown, formData?: unknown): Promise<ActionResult<T>> => {
    // useActionState passes (prevState, formData); a bound or direct call may pass the data first.
    const rawInput = formData === undefined ? prev : formData;
    const t = await getTranslations("errors");
    const ip = await requestIp();
    const { user, refusal } = await authorise(spec.access);
    if (refusal) {
      await auditRefusal(spec.name, spec.entity, user, refusal, ip);
      return { ok: false, code: refusal, message: t(refusal) };
    }

    const raw = formToObject(rawInput);
    const parsed = await parseInput(spec.schema, raw, spec.secretFields ?? [], t);
    if (!parsed.ok) return parsed.refusal;
    const input = parsed.input;

    let change: Change<T>;
    try {
      const prepared = (spec.prepare ? await spec.prepare(input, user) : undefined) as P;
      // Waits for an import's long transaction without holding up the server's other requests.
      change = await writeTransactionWhenFree((tx) => {
        const result = spec.run({ tx, user, input, prepared });
        appendAudit(tx, {
          actor: actorOf(user),
          action: spec.name,
          entity: result.entity ?? spec.entity,
          entityId: result.entityId,
          before: result.before,
          after: result.after,
          outcome: "success",
          ip,
        });
        return result;
      });
    } catch (error) {
      if (error instanceof AppError) {
        await auditRefusal(spec.name, spec.entity, user, error.code, ip);
        return {
          ok: false,
          code: error.code,
          // A refusal tied to fields is told under those fields; the notice above stays general.
          message: error.fieldErrors ? t(error.code) : t.has(error.messageKey) ? t(error.messageKey) : t(error.code),
          fieldErrors: error.fieldErrors ? translateFieldErrors(error.fieldErrors, t) : undefined,
          values: echoValues(raw, spec.secretFields ?? []),
        };
      }
      // Details stay in the server log; the browser gets a plain sentence.
      console.error(`[guard] ${spec.name} failed`, error);
      await auditRefusal(spec.name, spec.entity, user, "ERROR", ip);
      return { ok: false, code: "ERROR", message: t("ERROR"), values: echoValues(raw, spec.secretFields ?? []) };
    }

    await spec.after?.(change, input);
    return { ok: true, message: change.message, data: change.data };
  };
  return Object.assign(action, { [GUARDED]: { name: spec.name, access: spec.access } });
}

type Translator = Awaited<ReturnType<typeof getTranslations<"errors">>>;

/** zod in the user's language; a failure comes back as per-field errors with the values sent. */
async function parseInput<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
  secretFields: readonly string[],
  t: Translator,
): Promise<{ ok: true; input: z.infer<S> } | { ok: false; refusal: ActionResult<never> }> {
  const locale = resolveLocale(await getLocale());
  const parsed = schema.safeParse(raw, { error: zodErrorMap(locale) });
  if (parsed.success) return { ok: true, input: parsed.data as z.infer<S> };
  return {
    ok: false,
    refusal: {
      ok: false,
      code: "INVALID",
      message: t("INVALID"),
      fieldErrors: translateFieldErrors(z.flattenError(parsed.error).fieldErrors as FieldErrors, t),
      values: echoValues(raw, secretFields),
    },
  };
}

/**
 * Messages that are keys under `errors` (e.g. "usernameTaken") are translated; others pass through.
 * Several failed checks of one field often share a message (a blank username is too short and
 * badly formed): each sentence is shown once.
 */
function translateFieldErrors(errors: FieldErrors, t: Translator): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(errors)) {
    out[field] = messages && [...new Set(messages.map((m) => (t.has(m) ? t(m) : m)))];
  }
  return out;
}

export interface RouteContext {
  user: SessionUser | null;
  ip: string | null;
  actor: AuditActor;
}

/**
 * Route handlers go through the same checks: 401 without a session, 403 for a role not
 * listed, JSON errors without stack traces. The handler audits its own changes with
 * `writeTransaction` + `appendAudit`, as actions do.
 */
export function guardedRoute<Ctx>(
  spec: { name: string; entity: string; access: Access },
  handler: (request: Request, route: RouteContext, ctx: Ctx) => Promise<Response>,
): ((request: Request, ctx: Ctx) => Promise<Response>) & { [GUARDED]: { name: string; access: Access } } {
  const wrapped = async (request: Request, ctx: Ctx): Promise<Response> => {
    const ip = clientIp(request.headers);
    const { user, refusal } = await authorise(spec.access);
    if (refusal) {
      await auditRefusal(spec.name, spec.entity, user, refusal, ip);
      return Response.json({ error: refusal }, { status: refusal === "UNAUTHENTICATED" ? 401 : 403 });
    }
    try {
      return await handler(request, { user, ip, actor: actorOf(user) }, ctx);
    } catch (error) {
      if (error instanceof AppError) {
        const status = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409, ERROR: 500 }[
          error.code
        ];
        if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") await auditRefusal(spec.name, spec.entity, user, error.code, ip);
        const t = await getTranslations("errors");
        const message = t.has(error.messageKey) ? t(error.messageKey) : error.messageKey;
        return Response.json({ error: error.code, message, fieldErrors: error.fieldErrors }, { status });
      }
      console.error(`[guard] ${spec.name} failed`, error);
      await auditRefusal(spec.name, spec.entity, user, "ERROR", ip);
      return Response.json({ error: "ERROR" }, { status: 500 });
    }
  };
  return Object.assign(wrapped, { [GUARDED]: { name: spec.name, access: spec.access } });
}

/**
 * Actions anyone may call (login, the language switch): no session needed, but the input
 * is still parsed by zod and the handler audits what it changes.
 */
export function publicAction<S extends z.ZodType, T = undefined>(
  spec: { name: string; schema: S },
  handler: (input: z.infer<S>, ctx: { user: SessionUser | null; ip: string | null }) => Promise<ActionResult<T>>,
): GuardedAction<T> {
  const action = async (prev: unknown, formData?: unknown): Promise<ActionResult<T>> => {
    const rawInput = formData === undefined ? prev : formData;
    const t = await getTranslations("errors");
    const parsed = await parseInput(spec.schema, formToObject(rawInput), [], t);
    if (!parsed.ok) return parsed.refusal;
    return handler(parsed.input, { user: await getSessionUser(), ip: await requestIp() });
  };
  return Object.assign(action, { [GUARDED]: { name: spec.name, access: "public" as const } });
}

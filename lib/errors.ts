// A refusal with a code, raised by domain code and turned into an answer by the guard.
export type AppErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "ERROR";

export type FieldErrors = Record<string, string[] | undefined>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** A message key under `errors` in the message files (or plain text). */
    readonly messageKey: string = code,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(messageKey);
    this.name = "AppError";
  }
}

/** A refusal tied to one form field. */
export function fieldError(field: string, key: string, code: AppErrorCode = "INVALID"): AppError {
  return new AppError(code, key, { [field]: [key] });
}

// Assertions shared by unit tests.
import assert from "node:assert/strict";
import { AppError, type AppErrorCode } from "@/lib/errors";

/** For assert.throws: an AppError with this code and message key (and, if given, on this field). */
export function appError(code: AppErrorCode, key: string, field?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError ${code}/${key}, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.messageKey, key);
    if (field) assert.deepEqual(error.fieldErrors, { [field]: [key] });
    return true;
  };
}

/** The distinct zod issue messages (our message keys) of a failed parse, by field. */
export function zodKeys(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  assert.equal(result.success, false, "expected the parse to fail");
  const out: Record<string, string[]> = {};
  for (const issue of result.error!.issues) {
    const keys = (out[issue.path.join(".")] ??= []);
    if (!keys.includes(issue.message)) keys.push(issue.message);
  }
  return out;
}

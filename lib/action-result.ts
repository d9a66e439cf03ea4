import { ZodError } from "zod";
import { AppError, GENERIC_ERROR_MESSAGE, type ErrorCode, type FieldErrors } from "@/lib/errors";

export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; code: ErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };

export function zodFieldErrors(error: ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return fieldErrors;
}

// Turns a thrown error into what a server action may send to the browser:
// AppError and validation messages as they are, anything else as a generic
// message (the full error goes to the server log only).
export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof AppError) {
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  if (error instanceof ZodError) {
    return {
      ok: false,
      code: "INVALID_INPUT",
      message: "Some fields need attention.",
      fieldErrors: zodFieldErrors(error),
    };
  }
  console.error("Unexpected error in server action", error);
  return { ok: false, code: "INTERNAL", message: GENERIC_ERROR_MESSAGE };
}

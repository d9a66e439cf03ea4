import { expect } from "vitest";
import { AppError } from "@/lib/errors";

// A new client address per call, in a range of its own per test file, so
// the sign-in throttles of one test never hold up another.
export function addressSequence(): () => string {
  let lastOctet = 0;
  const prefix = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return () => `${prefix}.${++lastOctet}`;
}

// The AppError a call ends with (failing the test if it ends otherwise).
export async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

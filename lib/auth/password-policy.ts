import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "@/lib/errors";
import { newPasswordShapeProblem } from "./new-password";

// The ~49,000 most common passwords of zxcvbn-ts's "passwords-common" list
// (@zxcvbn-ts/language-common, MIT; from leaked password corpora), built
// into a set on first use.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((word) => word.toLowerCase()));
  return common;
}

export const COMMON_PASSWORD_MESSAGE = "This password is one of the most common ones, so it is guessed first. Choose another.";

// The shortest piece the password repeats ("abcabcabc" -> "abc"), or itself.
function repeatedUnit(password: string): string {
  for (let size = 1; size <= password.length / 2; size++) {
    if (password.length % size === 0 && password.slice(0, size).repeat(password.length / size) === password) return password.slice(0, size);
  }
  return password;
}

// Why a new password would be refused, or null. Length and characters as in
// the browser; then the common list, also behind the usual disguises: upper
// case, digits or symbols around a common word ("Password2024!"), a common
// word or a few characters repeated ("qwertyqwerty", "aaaaaaaaaaaa"), and
// the person's own email or name.
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const shape = newPasswordShapeProblem(password);
  if (shape) return shape;
  const lower = password.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  const core = compact.replace(/^[\d\W_]+|[\d\W_]+$/g, "");
  const unit = repeatedUnit(compact);
  const list = commonPasswords();
  if ([lower, compact, core, unit].some((candidate) => list.has(candidate))) return COMMON_PASSWORD_MESSAGE;
  if (unit.length <= 3 || new Set(compact).size <= 3) return "This password is too easy to guess: it repeats a few characters. Choose another.";
  const email = context.email?.toLowerCase();
  const personal = [email, email?.split("@")[0], context.name?.toLowerCase().replace(/\s+/g, "")];
  for (const word of personal) {
    if (!word || word.length < 4 || !compact.includes(word)) continue;
    // What is left besides the email or name, digits and symbols aside.
    if (compact.replace(word, "").replace(/[\d\W_]/g, "").length < 4) return "This password is too close to your email address or name. Choose another.";
  }
  return null;
}

// For the domain functions: refuses a weak password as a field error, so the
// form shows the reason next to the field.
export function assertAcceptablePassword(password: string, context: { email?: string; name?: string } = {}, field = "password"): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError("INVALID_INPUT", "Some fields need attention.", { [field]: [problem] });
}

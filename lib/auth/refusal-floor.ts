// A refused password takes at least this long from the start of the attempt,
// whether or not the email has an account: both paths run argon2 and the same
// queries, and the floor hides what little still differs (and any load).
export const REFUSAL_FLOOR_MS = 500;

export async function holdUntilFloor(startedAtMs: number, floorMs = REFUSAL_FLOOR_MS): Promise<void> {
  const waitMs = startedAtMs + floorMs - Date.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
}

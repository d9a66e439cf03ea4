// An absolute link into the panel, for messages read outside it (emails):
// NEXTAUTH_URL is the panel's public address.
export function absoluteUrl(path: string): string {
  return new URL(path, process.env.NEXTAUTH_URL ?? "http://localhost:3000").toString();
}

import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

// The text of an email the mail catcher (scripts/e2e-mail-catcher.ts) kept:
// headers dropped, quoted-printable or base64 undone.
function decodedBody(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    return body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return body;
}

function messagesTo(address: string): string[] {
  const dir = process.env.E2E_MAIL_DIR!;
  return fs
    .readdirSync(dir)
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map((file) => fs.readFileSync(path.join(dir, file), "utf8"))
    .filter((message) => message.startsWith(`X-Envelope-To: ${address}\r\n`))
    .map(decodedBody);
}

// Waits for a new email to this address whose text holds a link to `page`
// ("/set-password", "/reset-password") and returns that link.
export async function linkFromEmail(address: string, page: string, after = 0): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const found = messagesTo(address)
          .slice(after)
          .flatMap((text) => text.match(new RegExp(`https?://\\S+${page}#[\\w.-]+`, "g")) ?? []);
        link = found.at(-1);
        return link;
      },
      { timeout: 20_000, message: `an email to ${address} with a ${page} link` },
    )
    .toBeTruthy();
  return link!;
}

export function countEmailsTo(address: string): number {
  return messagesTo(address).length;
}

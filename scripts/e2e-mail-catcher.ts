import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback for the end-to-end run: the app sends its
// incident emails here, and each accepted message is written to mailDir as
// <n>.eml for the tests to read.
export async function startMailCatcher(mailDir: string): Promise<{ port: number; close(): Promise<void> }> {
  fs.mkdirSync(mailDir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
        fs.writeFileSync(path.join(mailDir, `${++count}.eml`), `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString()}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

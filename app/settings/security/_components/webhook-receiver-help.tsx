const NODE_RECEIVER = `import { Webhook } from "standardwebhooks";

const hook = new Webhook(process.env.SECRET_KEYS_WEBHOOK_SECRET); // whsec_…
// In your POST handler, with the body exactly as received (not re-serialized):
const event = hook.verify(rawBody, request.headers); // throws if forged, altered or over 5 minutes old
// request.headers["webhook-id"] is the same on every retry: use it to skip duplicates.`;

// How a receiver checks a delivery, for owners setting one up.
export function WebhookReceiverHelp() {
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer font-medium">How to verify deliveries</summary>
      <div className="mt-2 flex flex-col gap-2">
        <p>
          Deliveries follow{" "}
          <a className="underline" href="https://www.standardwebhooks.com/" rel="noreferrer" target="_blank">
            Standard Webhooks
          </a>
          : the headers <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> sign each JSON body (<code>type</code>,{" "}
          <code>timestamp</code>, <code>data</code>). Its libraries verify them in Node, Python, Go, Ruby, PHP, Java and other languages. In Node:
        </p>
        <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">{NODE_RECEIVER}</pre>
      </div>
    </details>
  );
}

"use client";

import { useId, useState } from "react";

type Snippet = { id: string; label: string; hint: string; code: (secret: string, origin: string) => string };

// Where a new key usually goes. Only the first two hold the secret itself;
// the rest read it from the environment, which is where it belongs.
const SNIPPETS: Snippet[] = [
  { id: "shell", label: "Shell", hint: "For this terminal session.", code: (secret) => `export SECRET_KEYS_API_KEY="${secret}"` },
  { id: "env", label: ".env", hint: "Keep .env out of version control (.gitignore).", code: (secret) => `SECRET_KEYS_API_KEY=${secret}` },
  {
    id: "github",
    label: "GitHub Actions",
    hint: "Store it as a repository secret (paste the key when asked), then read it in the workflow.",
    code: () => "gh secret set SECRET_KEYS_API_KEY\n\n# .github/workflows/train.yml\nenv:\n  SECRET_KEYS_API_KEY: ${{ secrets.SECRET_KEYS_API_KEY }}",
  },
  {
    id: "python",
    label: "Python",
    hint: "Reads the key from the environment.",
    code: (_secret, origin) =>
      `import os\nimport requests\n\nkey = os.environ["SECRET_KEYS_API_KEY"]\nresponse = requests.get(\n    "${origin}/api/v1/whoami",\n    headers={"Authorization": f"Bearer {key}"},\n    timeout=10,\n)\nprint(response.json())`,
  },
  {
    id: "curl",
    label: "curl",
    hint: "Checks the key and shows what it may do.",
    code: (_secret, origin) => `curl ${origin}/api/v1/whoami \\\n  -H "Authorization: Bearer $SECRET_KEYS_API_KEY"`,
  },
];

// Tabs of ready-to-paste snippets; long lines wrap inside the block.
export function KeySnippets({ secret, origin }: { secret: string; origin: string }) {
  const [selected, setSelected] = useState(SNIPPETS[0].id);
  const [copied, setCopied] = useState<string | null>(null);
  const baseId = useId();
  const current = SNIPPETS.find((snippet) => snippet.id === selected) ?? SNIPPETS[0];
  const code = current.code(secret, origin);

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const index = SNIPPETS.indexOf(current) + (event.key === "ArrowRight" ? 1 : -1);
    const next = SNIPPETS[(index + SNIPPETS.length) % SNIPPETS.length];
    setSelected(next.id);
    document.getElementById(`${baseId}-tab-${next.id}`)?.focus();
  }

  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="font-medium">Use it from:</p>
      <div role="tablist" aria-label="Where to put the key" className="flex flex-wrap gap-1">
        {SNIPPETS.map((snippet) => (
          <button
            key={snippet.id}
            id={`${baseId}-tab-${snippet.id}`}
            type="button"
            role="tab"
            aria-selected={snippet.id === current.id}
            aria-controls={`${baseId}-panel`}
            tabIndex={snippet.id === current.id ? 0 : -1}
            onClick={() => setSelected(snippet.id)}
            onKeyDown={onKeyDown}
            className="rounded-md px-2.5 py-1 text-xs font-medium text-zinc-600 aria-selected:bg-zinc-900 aria-selected:text-white dark:text-zinc-300 dark:aria-selected:bg-zinc-100 dark:aria-selected:text-zinc-900"
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${current.id}`} className="flex flex-col gap-1">
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{current.hint}</p>
        <div className="relative">
          <pre data-testid="key-snippet" className="rounded-md bg-zinc-900 p-3 pr-16 font-mono text-xs break-all whitespace-pre-wrap text-zinc-100">
            {code}
          </pre>
          <button
            type="button"
            aria-label={`Copy the ${current.label} snippet`}
            onClick={async () => {
              await navigator.clipboard.writeText(code).then(
                () => setCopied(current.id),
                () => setCopied(null),
              );
            }}
            className="absolute top-2 right-2 rounded bg-zinc-700 px-2 py-0.5 text-xs text-white hover:bg-zinc-600"
          >
            {copied === current.id ? "Copied" : "Copy"}
          </button>
        </div>
      </div>
    </div>
  );
}

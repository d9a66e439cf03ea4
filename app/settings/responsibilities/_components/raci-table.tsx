import type { RaciMatrix } from "@/lib/responsibilities/raci";

const LETTER_NAMES = { R: "Responsible", A: "Accountable", C: "Consulted", I: "Informed" } as const;

// The matrix: activities down, roles and named people across.
export function RaciTable({ matrix }: { matrix: RaciMatrix }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900 print:overflow-visible print:border-0">
      <table className="w-full text-sm">
        <caption className="px-4 py-3 text-left text-xs text-zinc-600 dark:text-zinc-400">
          R: responsible (does it) · A: accountable (answers for it) · C: consulted · I: informed
        </caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-left dark:border-zinc-800 dark:bg-zinc-800/50">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Activity
            </th>
            {matrix.columns.map((column) => (
              <th key={column.id} scope="col" className="px-3 py-2 text-center font-medium">
                {column.label}
                <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">{column.detail}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {matrix.rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                {row.activity}
                {row.note && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{row.note}</span>}
              </th>
              {matrix.columns.map((column) => {
                const letters = row.cells[column.id];
                return (
                  <td key={column.id} className="px-3 py-2 text-center font-mono">
                    <span aria-hidden="true">{letters.join("/") || "–"}</span>
                    <span className="sr-only">{letters.length ? letters.map((l) => LETTER_NAMES[l]).join(", ") : "Not involved"}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

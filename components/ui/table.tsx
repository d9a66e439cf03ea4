// The shared table shell: a scrolling card (positioned, so screen-reader-only
// text inside cannot widen the page) with header and body cell styles.
export function TableShell({ children, className = "", busy }: { children: React.ReactNode; className?: string; busy?: boolean }) {
  return (
    <div aria-busy={busy} className={`relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900 ${className}`}>
      <table className="w-full text-left text-sm">{children}</table>
    </div>
  );
}

export function TableHead({ columns }: { columns: { label: React.ReactNode; className?: string }[] }) {
  return (
    <thead className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" className={`px-4 py-3 font-medium ${column.className ?? ""}`}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export const ROW_CLASS = "border-b border-zinc-100 last:border-0 dark:border-zinc-800";
export const CELL_CLASS = "px-4 py-3";

import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";

// A chart's numbers as a table, folded away until asked for: the text
// alternative for screen readers and for anyone who wants exact figures.
export function ChartDataTable({
  summary,
  caption,
  headers,
  rows,
}: {
  summary: string;
  caption: string;
  headers: string[];
  rows: { label: string; cells: string[] }[];
}) {
  return (
    <details className="group mt-3">
      <summary className="cursor-pointer text-sm text-indigo-600 hover:underline dark:text-indigo-400">{summary}</summary>
      <TableShell className="mt-2">
        <caption className="sr-only">{caption}</caption>
        <TableHead columns={headers.map((label, index) => ({ label, className: index === 0 ? "whitespace-nowrap" : "text-right" }))} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className={ROW_CLASS}>
              <th scope="row" className={`${CELL_CLASS} font-normal whitespace-nowrap`}>
                {row.label}
              </th>
              {row.cells.map((cell, index) => (
                <td key={index} className={`${CELL_CLASS} text-right tabular-nums`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </TableShell>
    </details>
  );
}

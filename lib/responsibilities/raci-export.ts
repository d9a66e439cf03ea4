import { csvLine } from "@/lib/audit/audit-csv";
import type { RaciMatrix } from "./raci";

const cell = (letters: string[]) => letters.join("/");

// Text in a Markdown table cell, shown as written: a name cannot end the
// cell or row (pipes, line breaks) nor become a link, image, emphasis or
// HTML in the runbook it is pasted into (no brackets, no link; parentheses
// and the rest only mean something at the start of a line or after "]").
function markdownCell(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|~]/g, "\\$&").replace(/[\r\n]+/g, " ");
}

export function raciMarkdown(matrix: RaciMatrix, title: string): string {
  const header = ["Activity", ...matrix.columns.map((c) => (c.detail === "Role" ? c.label : `${c.label} (${c.detail})`)), "Notes"];
  const lines = [
    `# ${markdownCell(title)}`,
    "",
    "R: responsible (does it) · A: accountable (answers for it) · C: consulted · I: informed",
    "",
    `| ${header.map(markdownCell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...matrix.rows.map((row) => `| ${[row.activity, ...matrix.columns.map((c) => cell(row.cells[c.id])), row.note ?? ""].map(markdownCell).join(" | ")} |`),
  ];
  return `${lines.join("\n")}\n`;
}

export function raciCsv(matrix: RaciMatrix): string {
  const header = ["activity", ...matrix.columns.map((c) => (c.detail === "Role" ? c.label : `${c.label} (${c.detail})`)), "notes"];
  return [csvLine(header), ...matrix.rows.map((row) => csvLine([row.activity, ...matrix.columns.map((c) => cell(row.cells[c.id])), row.note ?? ""]))].join("");
}

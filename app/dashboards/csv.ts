/**
 * The CSV download behind every dashboard chart and table: the table's own rows, served by the server
 * (routes/dashboard.csv.tsx, so each download is in the read log). A text cell that a spreadsheet would run as a formula (it starts
 * with `=`, `+`, `-` not followed by a plain number, `@`, a tab or a carriage return) is written with a leading
 * apostrophe, so it is read as text. Numbers are written plainly (`-5` is a number, not a formula).
 */

import { isSuppressed, type Suppressed } from "./small-counts";

/** A suppressed small count (a funder's) is written "< 5": its value is not in the data to write. */
export type CsvCell = string | number | null | Suppressed;

/** Whether a spreadsheet would run the text as a formula (the same test the CSV import refuses cells by). */
const runsAsFormula = (text: string) => {
  if (text.startsWith("\t") || text.startsWith("\r")) return true;
  const trimmed = text.trimStart();
  const first = trimmed[0];
  return (
    first === "=" || first === "+" || first === "@" || (first === "-" && !/^-\d+(\.\d+)?\s*$/.test(trimmed))
  );
};

/** Writes records as CSV (CRLF line ends), quoting the fields that need it. */
function writeCsv(records: readonly (readonly string[])[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return records.map((record) => `${record.map(quote).join(",")}\r\n`).join("");
}

/** A cell as text, made safe to open in a spreadsheet. */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (isSuppressed(value)) return `< ${value.lessThan}`;
  if (typeof value === "number") return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : "";
  return runsAsFormula(value) ? `'${value}` : value;
}

/** A header row and data rows as CSV text (CRLF line ends). */
export function tableCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return writeCsv([header.map(csvCell), ...rows.map((row) => row.map(csvCell))]);
}

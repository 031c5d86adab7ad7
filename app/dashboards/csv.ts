/**
 * The CSV download behind every dashboard chart and table: the table's own rows, served by the server
 * (routes/dashboard.csv.tsx, so each download is in the read log). A text cell that a spreadsheet would run as a
 * formula is written with a leading apostrophe, so it is read as text (the one formula guard, app/csv/csv.ts, which
 * the CSV import refuses cells by). Numbers are written plainly (`-5` is a number, not a formula).
 */

import { neutraliseFormula, writeCsv } from "../csv/csv";
import { isSuppressed, type Suppressed } from "./small-counts";

/** A suppressed small count (a funder's) is written "< 5": its value is not in the data to write. */
export type CsvCell = string | number | null | Suppressed;

/** A cell as text, made safe to open in a spreadsheet. */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (isSuppressed(value)) return `< ${value.lessThan}`;
  if (typeof value === "number") return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : "";
  return neutraliseFormula(value);
}

/** A header row and data rows as CSV text (CRLF line ends). */
export function tableCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return writeCsv([header.map(csvCell), ...rows.map((row) => row.map(csvCell))]);
}

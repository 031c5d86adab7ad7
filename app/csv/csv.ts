/**
 * CSV, the one place it is read and written: RFC 4180 text (`parseCsv`, `writeCsv`) and the formula guard
 * (`formulaPrefix`, `neutraliseFormula`). A cell that starts like a formula runs when the file is opened in a
 * spreadsheet (CSV injection), so the progress import refuses such cells (app/imports/csv.ts) and the dashboard
 * downloads write them as text (app/dashboards/csv.ts): both by the same test. No I/O, used by server and tests.
 */

// ---------------------------------------------------------------- RFC 4180

/** A problem in the text itself: the record (1-based, header = 1) and the cell (0-based) where it starts. */
export type SyntaxProblem = {
  row: number;
  cell: number;
  code: "unterminatedQuote" | "strayQuote" | "textAfterQuote";
};

/**
 * Reads CSV text: fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
 * breaks and doubled quotes (`""`). A leading byte-order mark is ignored, and so is the line break that ends the
 * last record. A lone CR outside quotes stays in its field (and is then refused as a formula prefix).
 */
export function parseCsv(input: string): { records: string[][]; problems: SyntaxProblem[] } {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: string[][] = [];
  const problems: SyntaxProblem[] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const start = i;
    if (text[i] === '"') {
      // A quoted field: up to the next quote that is not doubled.
      i++;
      let closed = false;
      let chunkStart = i;
      while (i < text.length) {
        const next = text.indexOf('"', i);
        if (next === -1) {
          i = text.length;
          break;
        }
        if (text[next + 1] === '"') {
          field += `${text.slice(chunkStart, next)}"`;
          i = next + 2;
          chunkStart = i;
          continue;
        }
        field += text.slice(chunkStart, next);
        i = next + 1;
        closed = true;
        break;
      }
      if (!closed) {
        problems.push({ row: records.length + 1, cell: record.length, code: "unterminatedQuote" });
        return { records, problems };
      }
      // After the closing quote: a separator, a line break or the end; anything else is kept but refused.
      if (
        i < text.length &&
        text[i] !== "," &&
        text[i] !== "\n" &&
        !(text[i] === "\r" && text[i + 1] === "\n")
      ) {
        problems.push({ row: records.length + 1, cell: record.length, code: "textAfterQuote" });
        while (i < text.length && text[i] !== "," && text[i] !== "\n") i++;
        if (text[i - 1] === "\r" && text[i] === "\n") i--;
      }
    } else {
      // An unquoted field: up to the next comma or line break.
      while (
        i < text.length &&
        text[i] !== "," &&
        text[i] !== "\n" &&
        !(text[i] === "\r" && text[i + 1] === "\n")
      )
        i++;
      field = text.slice(start, i);
      if (field.includes('"'))
        problems.push({ row: records.length + 1, cell: record.length, code: "strayQuote" });
    }
    if (i >= text.length) {
      endRecord();
      break;
    }
    if (text[i] === ",") {
      endField();
      i++;
      // A comma at the very end still opens one last (empty) field.
      if (i === text.length) endRecord();
      continue;
    }
    // A line break: CRLF or LF.
    i += text[i] === "\r" ? 2 : 1;
    endRecord();
  }
  return { records, problems };
}

/** Writes records as CSV (CRLF line ends), quoting only the fields that need it. */
export function writeCsv(records: readonly (readonly string[])[]): string {
  const quote = (value: string, alone: boolean) =>
    /[",\r\n]/.test(value) || value.startsWith("\uFEFF") || (alone && value === "")
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  return records
    .map((record) => `${record.map((value) => quote(value, record.length === 1)).join(",")}\r\n`)
    .join("");
}

// ---------------------------------------------------------------- the formula guard

/**
 * Why a cell would run as a formula when the file is opened in a spreadsheet, or undefined: it starts with `=`, `+`,
 * `@`, a tab or a carriage return, or with `-` that does not begin a plain number (`-5` is a number; `-1+1` and
 * `- text` are not). Spaces before the sign do not make it safe.
 */
export function formulaPrefix(cell: string): string | undefined {
  if (cell.startsWith("\t") || cell.startsWith("\r")) return cell[0] === "\t" ? "tab" : "CR";
  const trimmed = cell.trimStart();
  const first = trimmed[0];
  if (first === "=" || first === "+" || first === "@") return first;
  if (first === "-" && !/^-\d+(\.\d+)?\s*$/.test(trimmed)) return "-";
  return undefined;
}

/**
 * The text made safe to open in a spreadsheet: a cell that would run as a formula gets a leading apostrophe, which
 * spreadsheets read as "this is text" (and do not show). Other text is left as it is.
 */
export function neutraliseFormula(cell: string): string {
  return formulaPrefix(cell) === undefined ? cell : `'${cell}`;
}

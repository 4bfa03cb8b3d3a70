/**
 * CSV for spreadsheets (issue 20's exports): UTF-8 with a byte-order mark so Excel opens Chinese
 * text correctly, CRLF line ends (RFC 4180), fields quoted when they hold a comma, a quote or a
 * line break (papaparse's `unparse`, decision 0032-shift-handover-and-csv). A text cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is defused with a leading `'`;
 * amounts such as "-1.00" stay numbers. Pure.
 */
import Papa from 'papaparse';
import { formatSignedFen } from './money.js';

/** The byte-order mark every export starts with. */
export const CSV_BOM = '\uFEFF';

/** One cell: text, or a number written as is. */
export type CsvCell = string | number;

/** Formula-looking text, except plain signed decimals (amounts). */
const FORMULA = /^(?![+-]?\d+(?:\.\d+)?$)[=+\-@\t\r]/;

/** A header row and data rows → the CSV file's text (BOM, CRLF, one CRLF after the last row). */
export function encodeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((r) => [...r]) },
    { newline: '\r\n', quotes: false, quoteChar: '"', escapeChar: '"', delimiter: ',', escapeFormulae: FORMULA, header: true },
  );
  return `${CSV_BOM}${body.endsWith('\r\n') ? body : `${body}\r\n`}`;
}

/** Fen → the yuan cell of an export: two decimals, a minus for negative amounts (no currency sign: the column says 元). */
export const yuanCell = (fen: number): string => formatSignedFen(fen);

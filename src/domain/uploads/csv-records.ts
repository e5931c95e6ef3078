import { CsvError, parse } from "csv-parse/sync";
import { DomainError } from "../errors.js";

/** One record of a CSV file with the line it starts on (1-based, the header being line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** CRLF, LF or a lone CR: one line break each. */
const LINE_BREAK = /\r\n|\n|\r/g;

function lineBreaksIn(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

/**
 * Parses RFC 4180 CSV (§2) with csv-parse: comma-separated fields, double-quoted fields that may
 * hold commas, quotes (doubled) and line breaks, records ending in CRLF or, as spreadsheets on
 * Unix write, LF. A UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped. Blank lines are
 * ignored. A malformed quote is BAD_USER_INPUT naming its line.
 *
 * The line numbers are counted here from each record's raw text rather than taken from
 * csv-parse's `info.lines`, which is the line a record ends on and counts a CRLF inside a quoted
 * field as two lines: an Excel cell with a line break would shift every later line number.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  try {
    parse(text, {
      bom: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      // Short records are fine (missing cells are empty); long ones are reported by the caller.
      relax_column_count: true,
      raw: true,
      on_record: ({ record, raw }: { record: string[]; raw: string }) => {
        // A blank line (and a line holding only "") is one empty field: ignored, but counted.
        if (!(record.length === 1 && record[0] === "")) records.push({ line, fields: record });
        line += lineBreaksIn(raw);
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // `raw` is the failing record up to the error, so its line breaks locate the offending quote.
    const at = line + lineBreaksIn((err as CsvError & { raw?: string }).raw ?? "");
    switch (err.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        throw DomainError.invalid("csv", `line ${line}: a quoted field is not closed`);
      case "CSV_INVALID_CLOSING_QUOTE":
        throw DomainError.invalid("csv", `line ${at}: after a closing quote only a comma or the end of the line may follow`);
      case "INVALID_OPENING_QUOTE":
        throw DomainError.invalid("csv", `line ${at}: a quote inside an unquoted field (enclose the field in quotes and double the quote, RFC 4180 §2.7)`);
      default:
        throw DomainError.invalid("csv", `line ${at}: ${err.message}`);
    }
  }
  return records;
}

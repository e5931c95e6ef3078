import { DomainError } from "../errors.js";

/** One record of a CSV file with the line it starts on (1-based, the header being line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses RFC 4180 CSV (§2): comma-separated fields, double-quoted fields that may hold commas,
 * quotes (doubled) and line breaks, records ending in CRLF or, as spreadsheets on Unix write,
 * LF. A UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped. Blank lines are ignored. A
 * malformed quote is BAD_USER_INPUT naming its line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw DomainError.invalid("csv", `line ${start}: a quoted field is not closed`);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        if (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          throw DomainError.invalid("csv", `line ${line}: after a closing quote only a comma or the end of the line may follow`);
        }
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          if (text[i] === '"') throw DomainError.invalid("csv", `line ${line}: a quote inside an unquoted field (enclose the field in quotes and double the quote, RFC 4180 §2.7)`);
          field += text[i++];
        }
      }
      fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
  }
  return records;
}

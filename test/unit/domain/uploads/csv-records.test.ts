import { describe, expect, it } from "vitest";
import { DomainError } from "../../../../src/domain/errors.js";
import { parseCsv } from "../../../../src/domain/uploads/csv-records.js";

function refusal(text: string): { code: string; field?: string; message: string } {
  try {
    parseCsv(text);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, field: err.field, message: err.message };
    throw err;
  }
  throw new Error(`${JSON.stringify(text)} was accepted`);
}

describe("parseCsv", () => {
  it("reads quoted commas, doubled quotes and line breaks inside quotes (RFC 4180 §2.5–2.7)", () => {
    expect(parseCsv('userName,givenName\nann@a.example,"Lee, ""Jr."""\nbob@a.example,"two\nlines"\n')).toEqual([
      { line: 1, fields: ["userName", "givenName"] },
      { line: 2, fields: ["ann@a.example", 'Lee, "Jr."'] },
      { line: 3, fields: ["bob@a.example", "two\nlines"] },
    ]);
  });

  it("skips Excel's UTF-8 byte-order mark, so the first column is still userName", () => {
    expect(parseCsv("\uFEFFuserName,email\r\nann@a.example,ann@work.example\r\n")).toEqual([
      { line: 1, fields: ["userName", "email"] },
      { line: 2, fields: ["ann@a.example", "ann@work.example"] },
    ]);
  });

  it("accepts CRLF, LF and CR line ends in one file, and a last line without one", () => {
    expect(parseCsv("a\r\nb\nc\rd").map((r) => [r.line, r.fields])).toEqual([
      [1, ["a"]],
      [2, ["b"]],
      [3, ["c"]],
      [4, ["d"]],
    ]);
  });

  it("counts a CRLF inside an Excel cell as one line, so later lines keep their numbers", () => {
    // csv-parse's own info.lines would say 4 for the last record: it counts that CRLF twice.
    expect(parseCsv('userName,givenName\r\nann@a.example,"two\r\nlines"\r\nbob@a.example,Bob\r\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("ignores blank lines but counts them", () => {
    expect(parseCsv('userName\n\nann@a.example\n""\r\n\r\nbob@a.example\n\n')).toEqual([
      { line: 1, fields: ["userName"] },
      { line: 3, fields: ["ann@a.example"] },
      { line: 6, fields: ["bob@a.example"] },
    ]);
  });

  it("keeps a line of empty cells, and records of any length (the upload checks the count)", () => {
    expect(parseCsv("a,b\n,\nx\nx,y,z\n").map((r) => r.fields)).toEqual([["a", "b"], ["", ""], ["x"], ["x", "y", "z"]]);
  });

  it("returns nothing for a file of blank lines", () => {
    expect(parseCsv("\r\n\n")).toEqual([]);
  });

  it("refuses an unclosed quote naming the line its record starts on", () => {
    expect(refusal('userName,givenName\nx1@a.example,"unclosed\nmore\n')).toEqual({ code: "BAD_USER_INPUT", field: "csv", message: "line 2: a quoted field is not closed" });
  });

  it("refuses a quote inside an unquoted field naming the line of the quote", () => {
    expect(refusal('userName,givenName\n"x\r\n1@a.example",a"b\n').message).toBe(
      "line 3: a quote inside an unquoted field (enclose the field in quotes and double the quote, RFC 4180 §2.7)",
    );
  });

  it("refuses text after a closing quote naming the line of the quote", () => {
    expect(refusal('userName\n\n"two\nlines" x\n').message).toBe("line 4: after a closing quote only a comma or the end of the line may follow");
  });
});

// A small RFC 4180 CSV parser with no dependency: quoted fields, commas, CR/LF and doubled quotes
// inside quotes, CRLF or LF line ends, an optional UTF-8 byte order mark. Every field stays a
// string exactly as written; nothing is trimmed or converted.

/** Parses CSV text into records (arrays of fields). A blank line gives a record with one empty field. */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = input.length;

  while (i < n) {
    const ch = input[i];
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          inQuotes = false;
          i += 1;
        }
      } else {
        field += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      i += 1;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field');
  // The last record, unless the text ends with a line break.
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Parses CSV text whose first record is a header into objects keyed by column name. */
export function parseCsvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((row) => !(row.length === 1 && row[0] === ''))
    .map((row) => {
      if (row.length !== header.length) {
        throw new Error(`CSV: a record has ${row.length} fields, the header has ${header.length}`);
      }
      const obj: Record<string, string> = {};
      header.forEach((name, j) => {
        obj[name] = row[j] ?? '';
      });
      return obj;
    });
}

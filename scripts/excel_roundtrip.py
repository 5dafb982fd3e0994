"""Checks that the `--excel --decimal-comma` CSV reports survive LibreOffice's CSV import in a
French locale (issue 12): each CSV was converted to xlsx by `soffice --convert-to` with the
filter options `CSV:59,34,76,1,,1036,false,true` (`;`, `"`, UTF-8, from line 1, French,
quoted fields not forced to text, special numbers detected), and this script reads each
workbook back with openpyxl and compares it with its CSV, cell by cell.

A cell survived when it reads back as the CSV's text (accents included), as the number the
CSV wrote (`-2,5000` is -2.5), or as the date and time the CSV wrote (`2007-09-27T17:38`).
No cell may come back as a formula: corpus text beginning with `=` is written `'=...`. One
loss is accepted, and README says it: a cell that is exactly `vrai` or `faux` comes back as a
boolean, as any French spreadsheet reads it.

Usage: python excel_roundtrip.py CSV_DIR XLSX_DIR
"""

import csv
import datetime
import pathlib
import sys

import openpyxl


def survived(text, cell):
    value = cell.value
    if text == "":
        return value is None or value == ""
    if isinstance(value, str):
        return value == text
    if isinstance(value, bool):
        # A French spreadsheet reads a cell that is exactly `vrai` or `faux` (a keyword of
        # the corpus) as a boolean: the locale's doing, which no CSV can prevent for Excel;
        # the word is still there, as TRUE or FALSE.
        return text.lower() in (("vrai", "true") if value else ("faux", "false"))
    if isinstance(value, (int, float)):
        try:
            return abs(float(text.replace(",", ".")) - value) < 1e-9 * max(1.0, abs(value))
        except ValueError:
            return False
    if isinstance(value, datetime.datetime):
        for shape in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, shape) == value
            except ValueError:
                pass
        return False
    return False


def main(csv_dir, xlsx_dir):
    problems = []
    checked = {"text with accents": 0, "numbers": 0, "negative decimals": 0, "dates": 0}
    for path in sorted(pathlib.Path(csv_dir).glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        sheet = openpyxl.load_workbook(pathlib.Path(xlsx_dir) / (path.stem + ".xlsx")).active
        cells = list(sheet.iter_rows())
        if len(cells) != len(rows):
            problems.append(f"{path.name}: {len(rows)} rows in the CSV, {len(cells)} in the workbook")
            continue
        for number, (row, read) in enumerate(zip(rows, cells), start=1):
            for column, text in enumerate(row):
                cell = read[column] if column < len(read) else None
                if cell is None:
                    problems.append(f"{path.name}:{number}: column {column + 1} missing")
                    continue
                if cell.data_type == "f":
                    problems.append(f"{path.name}:{number}: a formula: {cell.value!r}")
                elif not survived(text, cell):
                    problems.append(f"{path.name}:{number}: {text!r} came back as {cell.value!r}")
                elif isinstance(cell.value, str) and any(c in text for c in "éèàçüñ"):
                    checked["text with accents"] += 1
                elif isinstance(cell.value, datetime.datetime):
                    checked["dates"] += 1
                elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    checked["numbers"] += 1
                    if cell.value < 0 and "," in text:
                        checked["negative decimals"] += 1
    for what, n in checked.items():
        if n == 0:
            problems.append(f"no {what} seen: the check checked nothing")
    print(f"{csv_dir}: survived LibreOffice (fr): {checked}")
    for problem in problems[:50]:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

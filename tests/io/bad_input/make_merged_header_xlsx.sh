#!/bin/sh
# Writes villages_merged_header.xlsx: a commune spreadsheet whose first row is a title merged
# across all columns (A1:F1) above the real header row, as provincial offices type them.
# An .xlsx is a zip of XML parts; run from this folder: sh make_merged_header_xlsx.sh
set -e
out="$(pwd)/villages_merged_header.xlsx"
tmp=$(mktemp -d)
mkdir -p "$tmp/_rels" "$tmp/xl/_rels" "$tmp/xl/worksheets"
cat > "$tmp/[Content_Types].xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
EOF
cat > "$tmp/_rels/.rels" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
EOF
cat > "$tmp/xl/workbook.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Thon ban" sheetId="1" r:id="rId1"/></sheets></workbook>
EOF
cat > "$tmp/xl/_rels/workbook.xml.rels" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
EOF
# Shared strings: 0 title, 1-6 headers, 7-12 village codes and names.
cat > "$tmp/xl/sharedStrings.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="13" uniqueCount="13"><si><t>DANH SÁCH THÔN BẢN XÃ NẬM BAN NĂM 2025</t></si><si><t>Mã thôn</t></si><si><t>Tên thôn</t></si><si><t>Mã xã</t></si><si><t>Dân số</t></si><si><t>Kinh độ</t></si><si><t>Vĩ độ</t></si><si><t>V1</t></si><si><t>Bản Huổi Ho</t></si><si><t>V2</t></si><si><t>Huổi Ho</t></si><si><t>V3</t></si><si><t>Nà Tăm</t></si></sst>
EOF
row() {  # row NUMBER codeIndex nameIndex commune population lon lat
  echo "<row r=\"$1\"><c r=\"A$1\" t=\"s\"><v>$2</v></c><c r=\"B$1\" t=\"s\"><v>$3</v></c><c r=\"C$1\" t=\"inlineStr\"><is><t>$4</t></is></c><c r=\"D$1\"><v>$5</v></c><c r=\"E$1\"><v>$6</v></c><c r=\"F$1\"><v>$7</v></c></row>"
}
{
  echo '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  echo '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  echo '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/><c r="C1"/><c r="D1"/><c r="E1"/><c r="F1"/></row>'
  echo '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c><c r="E2" t="s"><v>5</v></c><c r="F2" t="s"><v>6</v></c></row>'
  row 3 7 8 00101 420 103.05 22.05
  row 4 9 10 00102 1050 103.15 22.05
  row 5 11 12 00101 300 103.02 22.08
  echo '</sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells></worksheet>'
} > "$tmp/xl/worksheets/sheet1.xml"
rm -f "$out"
(cd "$tmp" && TZ=UTC zip -X -q -r "$out" '[Content_Types].xml' _rels xl)
rm -rf "$tmp"

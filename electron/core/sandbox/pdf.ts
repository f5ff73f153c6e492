/**
 * A small valid PDF with one 75×120 mm page per posting, the posting number written on it in
 * Helvetica. Written by hand (objects, stream lengths and the xref table with byte offsets) so
 * the sandbox needs no PDF library; text is ASCII, so characters and bytes coincide.
 */
export function labelPdf(postingNumbers: string[], title = 'Ozon sandbox label'): Buffer {
  const width = 213;
  const height = 340;
  const pageIds = postingNumbers.map((_, i) => 4 + i * 2);
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  for (const [i, postingNumber] of postingNumbers.entries()) {
    const content = [
      'BT /F1 10 Tf 14 310 Td',
      `(${escapeText(title)}) Tj`,
      '0 -40 Td /F1 16 Tf',
      `(${escapeText(postingNumber)}) Tj`,
      'ET',
      '14 200 185 40 re S',
    ].join('\n');
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    );
  }
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function escapeText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
}

import yazl from 'yazl';

/** Builds a zip archive in memory (deflated entries), for tests of the OSV zip import. */
export async function buildZip(entries: Array<{ name: string; content: string | Buffer }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8'), entry.name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The checkpoint file: signed checkpoint notes one after the other, each followed by a blank line. Appending
 * (never rewriting) suits a WORM mount or an append-only file (chattr +a); each note is synced to disk before the
 * checkpoint counts as made.
 */
export async function appendCheckpointNote(file: string, note: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a', 0o644);
  try {
    await handle.writeFile(`${note}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export async function readCheckpointNotes(file: string): Promise<string[]> {
  return splitCheckpointNotes(await readFile(file, 'utf8'));
}

/**
 * Splits concatenated signed notes. A note is text lines, one blank line, then signature lines (`— name sig`); it
 * ends at the first line after its signatures that is not a signature. Blank lines between notes are skipped.
 */
export function splitCheckpointNotes(text: string): string[] {
  const notes: string[] = [];
  let lines: string[] = [];
  let inSignatures = false;
  const close = (): void => {
    if (lines.length > 0) notes.push(`${lines.join('\n')}\n`);
    lines = [];
    inSignatures = false;
  };
  for (const line of text.split('\n')) {
    if (inSignatures && !line.startsWith('\u2014 ')) close();
    if (line === '' && lines.length === 0) continue;
    if (line === '' && !inSignatures) inSignatures = true;
    lines.push(line);
  }
  close();
  return notes;
}

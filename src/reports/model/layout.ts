/**
 * The report as a document, before any drawing: sections with bookmarks, each a list of blocks. The pure document
 * model produces it from the report data; the PDF renderer draws it and decides nothing about content.
 */

/** Colour intents; the renderer maps them to its palette. */
export type Tone =
  | 'critical'
  | 'high'
  | 'medium'
  | 'low'
  | 'none'
  | 'good'
  | 'bad'
  | 'warning'
  | 'muted'
  | 'neutral'
  | 'permissive'
  | 'public-domain'
  | 'weak-copyleft'
  | 'strong-copyleft'
  | 'network-copyleft'
  | 'proprietary'
  | 'unknown';

export interface RichCell {
  text: string;
  /** A second, smaller line under the text (a purl under a name, a vector under a score). */
  sub?: string;
  tone?: Tone;
  mono?: boolean;
  bold?: boolean;
}

export type TableCell = string | RichCell;

export interface TableColumn {
  header: string;
  /** Relative width; the renderer shares the line's width in proportion. */
  width: number;
  mono?: boolean;
  align?: 'left' | 'right';
}

export type Block =
  /** The cover's title lines. */
  | { kind: 'title'; text: string; subtitle: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'muted' | 'warning' }
  | { kind: 'bullets'; items: string[] }
  /** Label/value pairs, one per line. */
  | { kind: 'fields'; rows: Array<{ label: string; value: string; mono?: boolean }> }
  /** Key figures as boxes, several per line. */
  | { kind: 'figures'; items: Array<{ label: string; value: string; tone?: Tone }> }
  | { kind: 'table'; columns: TableColumn[]; rows: TableCell[][]; empty: string }
  | { kind: 'bar-chart'; title: string; bars: Array<{ label: string; value: number; tone: Tone }>; empty: string }
  /** Percentages over time: one bar per bucket, 0-100 %, with the count of what was judged under each. */
  | { kind: 'rate-chart'; title: string; points: Array<{ label: string; rate: number | null; detail: string }>; empty: string }
  /** Bar charts side by side, each in an equal share of the width. */
  | { kind: 'columns'; charts: Array<Extract<Block, { kind: 'bar-chart' }>> }
  /** Monospaced lines: commands, a signed note. */
  | { kind: 'code'; lines: string[] };

export interface LayoutSection {
  /** Shown as the section's heading and its bookmark. */
  title: string;
  /** Start on a new page (sections at the top level do). */
  newPage: boolean;
  blocks: Block[];
  /** Nested sections: bookmarks under this one. */
  children: LayoutSection[];
}

export interface ReportAttachment {
  name: string;
  description: string;
  mediaType: string;
  content: string;
}

export interface ReportLayout {
  metadata: {
    title: string;
    author: string;
    subject: string;
    keywords: string[];
    creationDate: Date;
  };
  /** Running header on every page after the cover. */
  header: string;
  /** Left part of every footer; the renderer adds "Page x of y". */
  footer: string;
  sections: LayoutSection[];
  attachments: ReportAttachment[];
  /** Machine-readable facts the verifier reads back (embedded in the document information dictionary). */
  manifest: string;
}

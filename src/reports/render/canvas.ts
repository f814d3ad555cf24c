import type PDFDocument from 'pdfkit';
import { type FontName } from './fonts.js';
import { INK } from './palette.js';

export const PAGE = { width: 595.28, height: 841.89 } as const; // A4 in points
export const MARGIN = { top: 58, bottom: 54, left: 48, right: 48 } as const;

export interface TextStyle {
  font: FontName;
  size: number;
  color?: string;
  lineGap?: number;
}

/**
 * The drawing surface the blocks share: a PDFKit document with a cursor that moves down the content area. Every
 * block measures first and asks for room, so PDFKit never breaks a page by itself (which would split a table row or a
 * chart): pages are added here, and only here.
 */
export class Canvas {
  y: number = MARGIN.top;
  /** Called after each page this canvas adds (to repeat a table's header). */
  #pageListeners: Array<() => void> = [];

  constructor(readonly doc: PDFKit.PDFDocument) {}

  /** The column blocks are drawn in: the full content width, or part of it for blocks side by side. */
  #frame: { left: number; width: number } = { left: MARGIN.left, width: PAGE.width - MARGIN.left - MARGIN.right };

  get left(): number {
    return this.#frame.left;
  }

  get width(): number {
    return this.#frame.width;
  }

  /** Runs `work` drawing into a narrower column. */
  inColumn<T>(left: number, width: number, work: () => T): T {
    const saved = this.#frame;
    this.#frame = { left, width };
    try {
      return work();
    } finally {
      this.#frame = saved;
    }
  }

  get bottom(): number {
    return PAGE.height - MARGIN.bottom;
  }

  /** The height one page offers to content. */
  get pageHeight(): number {
    return this.bottom - MARGIN.top;
  }

  newPage(): void {
    compactPageContent(this.doc);
    clearLayoutCaches(this.doc);
    this.doc.addPage();
    this.y = MARGIN.top;
    for (const listener of this.#pageListeners) listener();
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN.top) this.newPage();
  }

  /** Runs `work` with `listener` called after every page break it causes. */
  withPageListener<T>(listener: () => void, work: () => T): T {
    this.#pageListeners.push(listener);
    try {
      return work();
    } finally {
      this.#pageListeners.pop();
    }
  }

  style(style: TextStyle): PDFKit.PDFDocument {
    return this.doc.font(style.font).fontSize(style.size).fillColor(style.color ?? INK);
  }

  measure(text: string, style: TextStyle, width: number): number {
    if (text === '') return 0;
    // Font and size only: a colour would write an operator into the page for nothing.
    return this.doc.font(style.font).fontSize(style.size).heightOfString(text, { width, lineGap: style.lineGap ?? 0 });
  }

  /** Draws text at a fixed place; `height` clips it (with an ellipsis) so it can never run onto a new page. */
  text(text: string, style: TextStyle, x: number, y: number, width: number, options: { height?: number; align?: 'left' | 'right' | 'center' } = {}): void {
    if (text === '') return;
    this.style(style).text(text, x, y, {
      width,
      lineGap: style.lineGap ?? 0,
      align: options.align ?? 'left',
      ...(options.height !== undefined ? { height: options.height, ellipsis: true } : {}),
    });
  }
}

export type PdfDocument = InstanceType<typeof PDFDocument>;

/**
 * PDFKit caches the glyph layout of every word it has set, for the life of the document: in a report of thousands of
 * hashes, purls and advisory ids that cache is most of the heap. Emptied at each page, it still serves the words a
 * page repeats (column headers, "transitive, via").
 */
export function clearLayoutCaches(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies ?? {};
  for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null);
}

/**
 * PDFKit (0.20) keeps every drawing operation of a page as its own small Uint8Array until the document ends, and
 * with buffered pages (needed for "page x of y") that is every operation of the report: hundreds of bytes of overhead
 * each, most of the memory of a large report. Joining a finished page's chunks into one array keeps the same bytes
 * (PDFKit joins them the same way when it writes the page) at a fraction of the memory.
 */
export function compactPageContent(doc: PDFKit.PDFDocument): void {
  const content = (doc.page as unknown as { content?: { buffer?: unknown } }).content;
  if (!content || !Array.isArray(content.buffer) || content.buffer.length < 2) return;
  const chunks = content.buffer as Uint8Array[];
  content.buffer = [Buffer.concat(chunks)];
}

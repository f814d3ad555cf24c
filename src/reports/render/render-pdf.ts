import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import PDFDocument from 'pdfkit';
import type { LayoutSection, ReportLayout } from '../model/layout.js';
import { MANIFEST_INFO_KEY } from '../model/manifest.js';
import { Canvas, MARGIN, PAGE, compactPageContent } from './canvas.js';
import { drawBlock, drawHeading } from './draw-blocks.js';
import { FONT_FILES, type FontName, fontPath } from './fonts.js';
import { MUTED, RULE } from './palette.js';

/** What the signature dictionary says about the signing, before the signature exists. */
export interface SignaturePlaceholder {
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
  /** Bytes reserved for the CMS signature (its hex form takes twice as many). */
  signatureLength: number;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
}

/**
 * Draws a layout with PDFKit: embedded DejaVu fonts, a bookmark per section, "page x of y" on every page (pages are
 * buffered until the end for that), document metadata, the machine-readable manifest and attachments, and — last,
 * so nothing touches the document after it — the signature placeholder that `signPdf` fills in.
 */
export async function renderPdf(layout: ReportLayout, placeholder: SignaturePlaceholder): Promise<RenderedPdf> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    font: fontPath('sans'),
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: layout.metadata.title,
      Author: layout.metadata.author,
      Subject: layout.metadata.subject,
      Keywords: layout.metadata.keywords.join('; '),
      Creator: 'Chainward',
      Producer: 'Chainward (PDFKit)',
      CreationDate: layout.metadata.creationDate,
      ModDate: layout.metadata.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  for (const font of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(font, fontPath(font));
  // A custom entry of the document information dictionary: read back by `chainward report verify`.
  (doc.info as unknown as Record<string, string>)[MANIFEST_INFO_KEY] = Buffer.from(layout.manifest, 'utf8').toString('base64');

  const canvas = new Canvas(doc);
  for (const section of layout.sections) drawSection(canvas, section, doc.outline, 1);

  compactPageContent(doc);
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    drawPageFurniture(canvas, layout, index - range.start + 1, range.count);
  }
  for (const attachment of layout.attachments) {
    doc.file(Buffer.from(attachment.content, 'utf8'), {
      name: attachment.name,
      type: attachment.mediaType,
      description: attachment.description,
      creationDate: layout.metadata.creationDate,
      modifiedDate: layout.metadata.creationDate,
    });
  }

  doc.switchToPage(range.start);
  pdfkitAddPlaceholder({
    pdf: doc,
    // Declared by the package's types but unused by pdfkitAddPlaceholder: the document is still being written.
    pdfBuffer: Buffer.alloc(0),
    name: placeholder.name,
    reason: placeholder.reason,
    location: placeholder.location,
    contactInfo: placeholder.contactInfo,
    signingTime: placeholder.signingTime,
    signatureLength: placeholder.signatureLength,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Chainward',
  });
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages: range.count };
}

/** A section: a page break if asked, its bookmark (under its parent's), its heading, its blocks, then its children. */
function drawSection(canvas: Canvas, section: LayoutSection, parent: PDFKit.PDFOutline, level: 1 | 2): void {
  const container = section.blocks.length === 0 && section.children.length > 0;
  if (container) {
    // A section that only groups others is bookmarked at its first child's page.
    let outline: PDFKit.PDFOutline | undefined;
    section.children.forEach((child, index) => {
      if (child.newPage && (index > 0 || canvas.y > MARGIN.top)) canvas.newPage();
      outline ??= parent.addItem(section.title, { expanded: true });
      drawSection(canvas, { ...child, newPage: false }, outline, level);
    });
    return;
  }
  if (section.newPage && canvas.y > MARGIN.top) canvas.newPage();
  const hasTitleBlock = section.blocks[0]?.kind === 'title';
  if (!hasTitleBlock) drawHeading(canvas, section.title, level);
  const outline = parent.addItem(section.title, { expanded: level === 1 && section.children.length > 0 && section.children.length <= 10 });
  for (const block of section.blocks) drawBlock(canvas, block);
  for (const child of section.children) drawSection(canvas, child, outline, 2);
}

function drawPageFurniture(canvas: Canvas, layout: ReportLayout, page: number, pages: number): void {
  const { doc } = canvas;
  // Writing in the margins: lift the bottom margin so PDFKit does not start a new page for the footer.
  const margins = { ...doc.page.margins };
  doc.page.margins.bottom = 0;
  const left = MARGIN.left;
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  const style = { font: 'condensed' as const, size: 7, color: MUTED };
  if (page > 1) {
    canvas.text(layout.header, style, left, 30, width, { height: 10 });
    doc.moveTo(left, 42).lineTo(left + width, 42).lineWidth(0.4).strokeColor(RULE).stroke();
  }
  const footerY = PAGE.height - 34;
  doc.moveTo(left, footerY - 6).lineTo(left + width, footerY - 6).lineWidth(0.4).strokeColor(RULE).stroke();
  canvas.text(layout.footer, style, left, footerY, width - 90, { height: 10 });
  canvas.text(`Page ${page} of ${pages}`, { ...style, font: 'condensedBold' }, left + width - 90, footerY, 90, { height: 10, align: 'right' });
  doc.page.margins = margins;
}

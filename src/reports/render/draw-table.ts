import type { Block, RichCell, TableCell } from '../model/layout.js';
import type { Canvas, TextStyle } from './canvas.js';
import { HEADER_FILL, INK, MUTED, RULE, STRIPE_FILL, TONE_COLOURS } from './palette.js';

type TableBlock = Extract<Block, { kind: 'table' }>;

const PAD_X = 3.5;
const PAD_Y = 3;
const HEADER: TextStyle = { font: 'condensedBold', size: 7.5, color: INK };
const CELL: TextStyle = { font: 'condensed', size: 7.5, lineGap: 0.6 };
const CELL_MONO: TextStyle = { font: 'mono', size: 6.6, lineGap: 0.6 };
const SUB: TextStyle = { font: 'condensed', size: 6.5, color: MUTED, lineGap: 0.4 };
const SUB_MONO: TextStyle = { font: 'mono', size: 6, color: MUTED, lineGap: 0.4 };

interface Column {
  x: number;
  width: number;
  mono: boolean;
  align: 'left' | 'right';
}

/**
 * A table that paginates cleanly: each row is measured before it is drawn and moves whole to the next page when it
 * does not fit, where the header row is drawn again. A row taller than a page (pathological evidence text) is clipped
 * with an ellipsis rather than split.
 */
export function drawTable(canvas: Canvas, block: TableBlock): void {
  if (block.rows.length === 0) {
    canvas.ensure(14);
    canvas.text(block.empty, { font: 'sans', size: 8.5, color: MUTED }, canvas.left, canvas.y, canvas.width);
    canvas.y += 14;
    return;
  }
  const total = block.columns.reduce((sum, column) => sum + column.width, 0);
  let x = canvas.left;
  const columns: Column[] = block.columns.map((column) => {
    const width = (canvas.width * column.width) / total;
    const placed = { x, width, mono: column.mono ?? false, align: column.align ?? 'left' };
    x += width;
    return placed;
  });
  const headerHeight = Math.max(...block.columns.map((column, i) => canvas.measure(column.header, HEADER, columns[i]!.width - 2 * PAD_X))) + 2 * PAD_Y;
  const drawHeader = (): void => {
    canvas.doc.rect(canvas.left, canvas.y, canvas.width, headerHeight).fill(HEADER_FILL);
    block.columns.forEach((column, i) => {
      const placed = columns[i]!;
      canvas.text(column.header, HEADER, placed.x + PAD_X, canvas.y + PAD_Y, placed.width - 2 * PAD_X, { align: placed.align });
    });
    canvas.y += headerHeight;
  };
  const maxRowHeight = canvas.pageHeight - headerHeight;
  const first = measureRow(canvas, block.rows[0]!, columns);
  canvas.ensure(headerHeight + Math.min(first.height, maxRowHeight));
  canvas.withPageListener(drawHeader, () => {
    drawHeader();
    block.rows.forEach((row, index) => {
      const measured = index === 0 ? first : measureRow(canvas, row, columns);
      const height = Math.min(measured.height, maxRowHeight);
      canvas.ensure(height);
      if (index % 2 === 1) canvas.doc.rect(canvas.left, canvas.y, canvas.width, height).fill(STRIPE_FILL);
      row.forEach((cell, i) => drawCell(canvas, rich(cell), columns[i]!, canvas.y, height, measured.mainHeights[i]!));
      canvas.y += height;
      canvas.doc.moveTo(canvas.left, canvas.y).lineTo(canvas.left + canvas.width, canvas.y).lineWidth(0.3).strokeColor(RULE).stroke();
    });
  });
}

function rich(cell: TableCell | undefined): RichCell {
  return typeof cell === 'string' ? { text: cell } : (cell ?? { text: '' });
}

function styles(cell: RichCell, column: Column): { main: TextStyle; sub: TextStyle } {
  const mono = cell.mono ?? column.mono;
  const main: TextStyle = mono ? { ...CELL_MONO } : { ...CELL };
  if (cell.bold && !mono) main.font = 'condensedBold';
  if (cell.tone) {
    main.color = TONE_COLOURS[cell.tone];
    if (!mono && cell.tone !== 'muted') main.font = 'condensedBold';
  }
  return { main, sub: mono || (cell.sub !== undefined && /^[a-z]+:[^\s]+$/i.test(cell.sub)) ? SUB_MONO : SUB };
}

/** The row's height and each cell's main text height (measured once, reused to place the second line). */
function measureRow(canvas: Canvas, row: readonly TableCell[], columns: readonly Column[]): { height: number; mainHeights: number[] } {
  let height = 0;
  const mainHeights = row.map((raw, i) => {
    const cell = rich(raw);
    const column = columns[i]!;
    const width = column.width - 2 * PAD_X;
    const { main, sub } = styles(cell, column);
    const mainHeight = canvas.measure(cell.text, main, width);
    const cellHeight = mainHeight + (cell.sub ? canvas.measure(cell.sub, sub, width) + 1 : 0);
    if (cellHeight > height) height = cellHeight;
    return mainHeight;
  });
  return { height: height + 2 * PAD_Y, mainHeights };
}

function drawCell(canvas: Canvas, cell: RichCell, column: Column, y: number, height: number, measuredMain: number): void {
  const width = column.width - 2 * PAD_X;
  const { main, sub } = styles(cell, column);
  const limit = height - 2 * PAD_Y;
  const mainHeight = Math.min(measuredMain, limit);
  canvas.text(cell.text, main, column.x + PAD_X, y + PAD_Y, width, { height: limit, align: column.align });
  if (cell.sub && limit - mainHeight > 4) {
    canvas.text(cell.sub, sub, column.x + PAD_X, y + PAD_Y + mainHeight + 1, width, { height: limit - mainHeight - 1, align: column.align });
  }
}

import type { Block } from '../model/layout.js';
import type { Canvas, TextStyle } from './canvas.js';
import { drawBarChart, drawChartColumns, drawRateChart } from './draw-charts.js';
import { drawTable } from './draw-table.js';
import { ACCENT, CODE_FILL, INK, MUTED, RULE, TONE_COLOURS } from './palette.js';

export const BODY: TextStyle = { font: 'sans', size: 9, lineGap: 1.5 };
const MUTED_BODY: TextStyle = { ...BODY, color: MUTED };
const LABEL: TextStyle = { font: 'condensedBold', size: 8, color: MUTED };
const VALUE: TextStyle = { font: 'condensed', size: 8.5, lineGap: 1 };
const MONO_VALUE: TextStyle = { font: 'mono', size: 7.5, lineGap: 1 };
const CODE: TextStyle = { font: 'mono', size: 7, lineGap: 1.2 };

/** Space after a block, before the next. */
const GAP = 9;

export function drawBlock(canvas: Canvas, block: Block): void {
  switch (block.kind) {
    case 'title':
      return drawTitle(canvas, block.text, block.subtitle);
    case 'heading':
      return drawHeading(canvas, block.text, 3);
    case 'paragraph':
      return drawParagraph(canvas, block.text, block.tone === 'muted' ? MUTED_BODY : block.tone === 'warning' ? { ...BODY, color: TONE_COLOURS.warning } : BODY);
    case 'bullets':
      return drawBullets(canvas, block.items);
    case 'fields':
      return drawFields(canvas, block.rows);
    case 'figures':
      return drawFigures(canvas, block.items);
    case 'table':
      drawTable(canvas, block);
      canvas.y += GAP;
      return;
    case 'bar-chart':
      drawBarChart(canvas, block);
      canvas.y += GAP;
      return;
    case 'columns':
      drawChartColumns(canvas, block);
      canvas.y += GAP;
      return;
    case 'rate-chart':
      drawRateChart(canvas, block);
      canvas.y += GAP;
      return;
    case 'code':
      return drawCode(canvas, block.lines);
  }
}

function drawTitle(canvas: Canvas, text: string, subtitle: string): void {
  canvas.y += 40;
  canvas.doc.rect(canvas.left, canvas.y, 6, 62).fill(ACCENT);
  const titleStyle: TextStyle = { font: 'sansBold', size: 22, color: ACCENT, lineGap: 2 };
  const height = canvas.measure(text, titleStyle, canvas.width - 20);
  canvas.text(text, titleStyle, canvas.left + 18, canvas.y, canvas.width - 20);
  canvas.y += height + 6;
  const subtitleStyle: TextStyle = { font: 'sans', size: 15, color: INK };
  canvas.text(subtitle, subtitleStyle, canvas.left + 18, canvas.y, canvas.width - 20);
  canvas.y += canvas.measure(subtitle, subtitleStyle, canvas.width - 20) + 34;
}

/** Level 1: a top-level section; 2: a repository's part; 3: a heading inside a section. */
export function drawHeading(canvas: Canvas, text: string, level: 1 | 2 | 3): void {
  const style: TextStyle = level === 1 ? { font: 'sansBold', size: 16, color: ACCENT } : level === 2 ? { font: 'sansBold', size: 12.5, color: ACCENT } : { font: 'sansBold', size: 10, color: INK };
  const height = canvas.measure(text, style, canvas.width);
  // Keep a heading with at least a few lines of what follows it.
  canvas.ensure(height + 60);
  if (level === 3) canvas.y += 3;
  canvas.text(text, style, canvas.left, canvas.y, canvas.width);
  canvas.y += height + (level === 1 ? 4 : 3);
  if (level === 1) {
    canvas.doc.moveTo(canvas.left, canvas.y).lineTo(canvas.left + canvas.width, canvas.y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    canvas.y += 10;
  } else {
    canvas.y += 3;
  }
}

function drawParagraph(canvas: Canvas, text: string, style: TextStyle): void {
  // A paragraph may be split across pages line by line; measure each line group instead of the whole.
  for (const line of text.split('\n')) {
    const height = canvas.measure(line, style, canvas.width);
    canvas.ensure(Math.min(height, canvas.pageHeight));
    canvas.text(line, style, canvas.left, canvas.y, canvas.width, { height: canvas.bottom - canvas.y });
    canvas.y += height;
  }
  canvas.y += GAP;
}

function drawBullets(canvas: Canvas, items: readonly string[]): void {
  const indent = 12;
  for (const item of items) {
    const height = canvas.measure(item, BODY, canvas.width - indent);
    canvas.ensure(height);
    canvas.text('•', BODY, canvas.left + 2, canvas.y, indent);
    canvas.text(item, BODY, canvas.left + indent, canvas.y, canvas.width - indent, { height: canvas.bottom - canvas.y });
    canvas.y += height + 3;
  }
  canvas.y += GAP - 3;
}

function drawFields(canvas: Canvas, rows: ReadonlyArray<{ label: string; value: string; mono?: boolean }>): void {
  const labelWidth = 118;
  const valueWidth = canvas.width - labelWidth;
  for (const row of rows) {
    const style = row.mono ? MONO_VALUE : VALUE;
    const height = Math.max(canvas.measure(row.label, LABEL, labelWidth - 8), canvas.measure(row.value, style, valueWidth)) + 3.5;
    canvas.ensure(height);
    canvas.text(row.label, LABEL, canvas.left, canvas.y + (row.mono ? 0.5 : 0.5), labelWidth - 8);
    canvas.text(row.value, style, canvas.left + labelWidth, canvas.y + (row.mono ? 1 : 0), valueWidth, { height: canvas.bottom - canvas.y });
    canvas.y += height;
  }
  canvas.y += GAP;
}

function drawFigures(canvas: Canvas, items: ReadonlyArray<{ label: string; value: string; tone?: keyof typeof TONE_COLOURS }>): void {
  const perRow = 4;
  const gap = 8;
  const boxWidth = (canvas.width - gap * (perRow - 1)) / perRow;
  const boxHeight = 42;
  for (let i = 0; i < items.length; i += perRow) {
    canvas.ensure(boxHeight + gap);
    items.slice(i, i + perRow).forEach((item, column) => {
      const x = canvas.left + column * (boxWidth + gap);
      canvas.doc.roundedRect(x, canvas.y, boxWidth, boxHeight, 3).lineWidth(0.6).fillAndStroke('#fbfcfd', RULE);
      canvas.text(item.value, { font: 'sansBold', size: 15, color: item.tone ? TONE_COLOURS[item.tone] : INK }, x + 8, canvas.y + 6, boxWidth - 16, { height: 20 });
      canvas.text(item.label, { font: 'condensed', size: 7.5, color: MUTED }, x + 8, canvas.y + 27, boxWidth - 16, { height: 12 });
    });
    canvas.y += boxHeight + gap;
  }
  canvas.y += GAP - gap + 4;
}

function drawCode(canvas: Canvas, lines: readonly string[]): void {
  const padding = 6;
  const width = canvas.width - 2 * padding;
  // Each line is kept whole on one page; a long block continues on the next page in a new box.
  const heights = lines.map((line) => canvas.measure(line === '' ? ' ' : line, CODE, width));
  let index = 0;
  while (index < lines.length) {
    canvas.ensure(heights[index]! + 2 * padding);
    let end = index;
    let height = 0;
    while (end < lines.length && canvas.y + 2 * padding + height + heights[end]! <= canvas.bottom) height += heights[end++]!;
    if (end === index) end = index + 1;
    canvas.doc.rect(canvas.left, canvas.y, canvas.width, height + 2 * padding).fill(CODE_FILL);
    let y = canvas.y + padding;
    for (let i = index; i < end; i++) {
      canvas.text(lines[i] === '' ? ' ' : lines[i]!, { ...CODE, color: lines[i]!.startsWith('#') ? MUTED : INK }, canvas.left + padding, y, width);
      y += heights[i]!;
    }
    canvas.y += height + 2 * padding;
    index = end;
  }
  canvas.y += GAP;
}

import type { Block } from '../model/layout.js';
import type { Canvas, TextStyle } from './canvas.js';
import { INK, MUTED, RULE, TONE_COLOURS } from './palette.js';

const TITLE: TextStyle = { font: 'sansBold', size: 9.5, color: INK };
const LABEL: TextStyle = { font: 'condensed', size: 7.5, color: INK };
const VALUE: TextStyle = { font: 'condensedBold', size: 7.5, color: INK };
const AXIS: TextStyle = { font: 'condensed', size: 6.5, color: MUTED };

const BAR_STEP = 15;

export function barChartHeight(block: Extract<Block, { kind: 'bar-chart' }>): number {
  return 18 + block.bars.length * BAR_STEP + 4;
}

/** Bar charts side by side: room for the tallest is asked once, then each is drawn in its column. */
export function drawChartColumns(canvas: Canvas, block: Extract<Block, { kind: 'columns' }>): void {
  const gap = 18;
  canvas.ensure(Math.max(...block.charts.map(barChartHeight)));
  const top = canvas.y;
  const width = (canvas.width - gap * (block.charts.length - 1)) / block.charts.length;
  let bottom = top;
  block.charts.forEach((chart, index) => {
    canvas.y = top;
    canvas.inColumn(canvas.left + index * (width + gap), width, () => drawBarChart(canvas, chart));
    bottom = Math.max(bottom, canvas.y);
  });
  canvas.y = bottom;
}

/** Horizontal bars, one per category, scaled to the largest, with the count at the end of each bar. */
export function drawBarChart(canvas: Canvas, block: Extract<Block, { kind: 'bar-chart' }>): void {
  const barHeight = 11;
  const step = BAR_STEP;
  const labelWidth = Math.min(100, canvas.width * 0.36);
  const height = barChartHeight(block);
  canvas.ensure(height);
  canvas.text(block.title, TITLE, canvas.left, canvas.y, canvas.width);
  canvas.y += 18;
  const max = Math.max(0, ...block.bars.map((bar) => bar.value));
  if (max === 0) {
    canvas.text(block.empty, { font: 'sans', size: 8.5, color: MUTED }, canvas.left, canvas.y, canvas.width);
    canvas.y += 16;
    return;
  }
  const originX = canvas.left + labelWidth;
  const plotWidth = canvas.width - labelWidth - 40;
  const top = canvas.y;
  for (const bar of block.bars) {
    canvas.text(bar.label, LABEL, canvas.left, canvas.y + 2, labelWidth - 8, { align: 'right' });
    const width = bar.value === 0 ? 0 : Math.max(1.5, (plotWidth * bar.value) / max);
    if (width > 0) canvas.doc.rect(originX, canvas.y, width, barHeight).fill(TONE_COLOURS[bar.tone]);
    canvas.text(bar.value.toLocaleString('en-GB'), bar.value === 0 ? { ...VALUE, color: MUTED } : VALUE, originX + width + 4, canvas.y + 2, 36);
    canvas.y += step;
  }
  canvas.doc.moveTo(originX, top - 2).lineTo(originX, canvas.y - step + barHeight + 2).lineWidth(0.6).strokeColor(MUTED).stroke();
  canvas.y += 4;
}

/** Vertical bars from 0 to 100 %, one per time bucket, with the share and the counts under each. */
export function drawRateChart(canvas: Canvas, block: Extract<Block, { kind: 'rate-chart' }>): void {
  const plotHeight = 100;
  const axisWidth = 30;
  const height = 18 + plotHeight + 30;
  canvas.ensure(height);
  canvas.text(block.title, TITLE, canvas.left, canvas.y, canvas.width);
  canvas.y += 18;
  if (block.points.every((point) => point.rate === null)) {
    canvas.text(block.empty, { font: 'sans', size: 8.5, color: MUTED }, canvas.left, canvas.y, canvas.width);
    canvas.y += 16;
    return;
  }
  const originX = canvas.left + axisWidth;
  const plotWidth = canvas.width - axisWidth;
  const top = canvas.y + 6;
  const baseline = top + plotHeight;
  for (const tick of [0, 25, 50, 75, 100]) {
    const y = baseline - (plotHeight * tick) / 100;
    canvas.doc.moveTo(originX, y).lineTo(originX + plotWidth, y).lineWidth(tick === 0 ? 0.7 : 0.3).strokeColor(tick === 0 ? MUTED : RULE).stroke();
    canvas.text(`${tick} %`, AXIS, canvas.left, y - 3.5, axisWidth - 5, { align: 'right' });
  }
  const slot = plotWidth / block.points.length;
  const barWidth = Math.min(34, slot * 0.62);
  // Label every bucket when they fit, otherwise every second or third.
  const labelEvery = Math.max(1, Math.ceil(28 / slot));
  block.points.forEach((point, index) => {
    const centre = originX + slot * index + slot / 2;
    if (point.rate === null) {
      canvas.text('–', AXIS, centre - 10, baseline - 9, 20, { align: 'center' });
    } else {
      const barHeight = Math.max(1, (plotHeight * point.rate) / 100);
      const tone = point.rate >= 100 ? 'good' : point.rate >= 50 ? 'warning' : 'bad';
      canvas.doc.rect(centre - barWidth / 2, baseline - barHeight, barWidth, barHeight).fill(TONE_COLOURS[tone]);
      canvas.text(`${Math.round(point.rate)}%`, { ...VALUE, size: 6.5 }, centre - slot / 2, baseline - barHeight - 9, slot, { align: 'center' });
    }
    if (index % labelEvery === 0) {
      canvas.text(point.label, AXIS, centre - slot * labelEvery / 2, baseline + 3, slot * labelEvery, { align: 'center' });
      if (point.detail) canvas.text(point.detail, { ...AXIS, size: 6 }, centre - slot * labelEvery / 2, baseline + 12, slot * labelEvery, { align: 'center' });
    }
  });
  canvas.y = baseline + 26;
}

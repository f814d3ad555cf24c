import type { Tone } from '../model/layout.js';

/** Colours chosen to stay legible in print and for the common colour-vision deficiencies (text is bold as well). */
export const INK = '#1f2933';
export const MUTED = '#616e7c';
export const RULE = '#cbd2d9';
export const HEADER_FILL = '#e4e7eb';
export const STRIPE_FILL = '#f5f7fa';
export const CODE_FILL = '#f0f2f5';
export const ACCENT = '#1f4e79';

export const TONE_COLOURS: Record<Tone, string> = {
  critical: '#8e0b13',
  high: '#d6470f',
  medium: '#c78b00',
  low: '#2f6fb0',
  none: '#7b8794',
  good: '#1e7d32',
  bad: '#b3261e',
  warning: '#a15c00',
  muted: MUTED,
  neutral: INK,
  permissive: '#2e7d32',
  'public-domain': '#00838f',
  'weak-copyleft': '#c78b00',
  'strong-copyleft': '#d6470f',
  'network-copyleft': '#8e0b13',
  proprietary: '#6a1b9a',
  unknown: '#9aa5b1',
};

import { createRequire } from 'node:module';

/**
 * The embedded fonts: DejaVu (wide Unicode coverage, free licence) from the `dejavu-fonts-ttf` package, resolved
 * through Node's module resolution so it works from `dist/` and from the bundled CLI alike. PDFKit embeds a subset of
 * each; the unembedded standard 14 fonts are never used.
 */
export const FONT_FILES = {
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

const require = createRequire(import.meta.url);

export function fontPath(font: FontName): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[font]}`);
}

import { GlobalFonts } from '@napi-rs/canvas';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts our bitmap text, previews and PDFs are drawn with. They ship as npm packages
 * (SIL OFL) so every station draws the same glyphs whatever the OS has: Noto Sans for Latin and
 * Cyrillic, Vazirmatn for Persian and Arabic, Noto Sans SC (regular only, 102 unicode-range
 * pieces) for Chinese. Read into memory rather than registered by path, because a packaged
 * app keeps them inside the asar archive, which only Node's patched `fs` can read.
 */
export const FONT_STACK = '"PD Sans", "PD Persian", "PD Chinese"';

let loaded = false;

function filesOf(pkg: string, match: RegExp): string[] {
  const require = createRequire(__filename);
  const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'files');
  return readdirSync(dir)
    .filter((name) => match.test(name))
    .map((name) => join(dir, name));
}

/** Registers the fonts once per process; about 0.1 s, so it runs on first use only. */
export function ensureFonts(): void {
  if (loaded) return;
  loaded = true;
  const families: [string, string, RegExp][] = [
    [
      'PD Sans',
      '@fontsource/noto-sans',
      /^noto-sans-(latin|cyrillic)(-ext)?-(400|700)-normal\.woff2$/,
    ],
    ['PD Persian', '@fontsource/vazirmatn', /^vazirmatn-arabic-(400|700)-normal\.woff2$/],
    ['PD Chinese', '@fontsource/noto-sans-sc', /^noto-sans-sc-\d+-400-normal\.woff2$/],
  ];
  for (const [family, pkg, match] of families) {
    for (const file of filesOf(pkg, match)) GlobalFonts.register(readFileSync(file), family);
  }
}

/** Right-to-left when the first strong character is Hebrew or Arabic script (HTML `dir=auto`). */
export function isRtl(text: string): boolean {
  const strong =
    /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u9fff\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u.exec(
      text,
    );
  return strong !== null && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u.test(strong[0]);
}

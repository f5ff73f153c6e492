/** Languages the UI ships in. `fa` (Persian) is right-to-left. */
export const LANGUAGES = ['en', 'ru', 'zh', 'fa'] as const;
export type Language = (typeof LANGUAGES)[number];

export const RTL_LANGUAGES: readonly Language[] = ['fa'];

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

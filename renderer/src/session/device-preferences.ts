import { isLanguage, type Language, type Theme } from '../../../shared/domain/preferences';
import { browserLanguage } from '../i18n/locale';

const LANGUAGE_KEY = 'packdesk.language';
const THEME_KEY = 'packdesk.theme';

export interface DevicePreferences {
  language: Language;
  theme: Theme;
}

function read(key: string) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * What this device shows while nobody is signed in: the last signed-in user's choice, so a
 * station keeps speaking its counter's language on the login screen.
 */
function createDevicePreferences() {
  const language = read(LANGUAGE_KEY);
  let current: DevicePreferences = {
    language: isLanguage(language) ? language : browserLanguage(),
    theme: read(THEME_KEY) === 'dark' ? 'dark' : 'light',
  };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(next: Partial<DevicePreferences>) {
      const merged = { ...current, ...next };
      if (merged.language === current.language && merged.theme === current.theme) return;
      current = merged;
      try {
        localStorage.setItem(LANGUAGE_KEY, current.language);
        localStorage.setItem(THEME_KEY, current.theme);
      } catch {
        // Not remembering the device's language is harmless.
      }
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const devicePreferences = createDevicePreferences();

import type { ScanTone } from '../../../../shared/schemas/packing.schema';
import doneUrl from '../../../../resources/sounds/done.wav';
import errorUrl from '../../../../resources/sounds/error.wav';
import okUrl from '../../../../resources/sounds/ok.wav';
import warningUrl from '../../../../resources/sounds/warning.wav';

const URLS: Record<ScanTone, string> = {
  ok: okUrl,
  warning: warningUrl,
  error: errorUrl,
  done: doneUrl,
};

const players = new Map<ScanTone, HTMLAudioElement>();

function player(tone: ScanTone): HTMLAudioElement {
  let audio = players.get(tone);
  if (!audio) {
    audio = new Audio(URLS[tone]);
    audio.preload = 'auto';
    players.set(tone, audio);
  }
  return audio;
}

/** Loads the four sounds ahead of the first scan, so the first verdict is not silent. */
export function preloadVerdictSounds(): void {
  for (const tone of Object.keys(URLS) as ScanTone[]) player(tone).load();
}

/**
 * Plays a verdict's sound from its start, cutting off the previous play of the same sound: a
 * burst of scans gives a burst of beeps, not a queue that lags behind the screen.
 */
export function playVerdictSound(tone: ScanTone): void {
  const audio = player(tone);
  audio.currentTime = 0;
  // A browser may refuse sound before the first user gesture; the banner still shows.
  audio.play().catch(() => undefined);
}

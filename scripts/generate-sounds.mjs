// Writes the packing counter's verdict sounds (resources/sounds/*.wav): short, distinct by pitch
// and rhythm, so a packer hears ok / warning / error / done without looking at the screen.
// Generated rather than recorded so they carry no licence and can be re-tuned here.
// Usage: node scripts/generate-sounds.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RATE = 16_000;
const OUT = join(import.meta.dirname, '../resources/sounds');

/** One note: frequency (Hz), length (ms), waveform; `0` Hz is silence. */
const SOUNDS = {
  // One short high blip: the everyday "yes".
  ok: [[1568, 70, 'sine']],
  // Two mid beeps: look at the screen.
  warning: [
    [784, 90, 'triangle'],
    [0, 60],
    [784, 90, 'triangle'],
  ],
  // A long low buzz, harsh on purpose: stop.
  error: [
    [196, 180, 'square'],
    [0, 40],
    [165, 260, 'square'],
  ],
  // Rising three notes: posting done.
  done: [
    [1047, 80, 'sine'],
    [1319, 80, 'sine'],
    [1568, 140, 'sine'],
  ],
};

function wave(kind, phase) {
  const x = phase % 1;
  if (kind === 'square') return x < 0.5 ? 0.6 : -0.6;
  if (kind === 'triangle') return 4 * Math.abs(x - 0.5) - 1;
  return Math.sin(2 * Math.PI * x);
}

function render(notes) {
  const samples = [];
  for (const [frequency, ms, kind = 'sine'] of notes) {
    const count = Math.round((RATE * ms) / 1000);
    const fade = Math.min(count / 2, RATE * 0.005); // 5 ms ramps: no clicks
    for (let i = 0; i < count; i++) {
      const envelope = Math.min(1, i / fade, (count - 1 - i) / fade);
      samples.push(frequency === 0 ? 0 : 0.7 * envelope * wave(kind, (frequency * i) / RATE));
    }
  }
  return samples;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((value, i) => data.writeInt16LE(Math.round(value * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

mkdirSync(OUT, { recursive: true });
for (const [name, notes] of Object.entries(SOUNDS)) {
  const file = join(OUT, `${name}.wav`);
  writeFileSync(file, wav(render(notes)));
  console.log(file);
}

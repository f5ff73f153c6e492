/** One benchmark figure per line, `<name>: <value> <unit>`, for people and scripts alike. */
export function figure(name: string, value: string | number, unit: string): void {
  console.log(`${name}: ${value} ${unit}`);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * Shelf locations compared the way a person reads them: `A-2` before `A-10`, case and accents
 * aside. One collator for every comparison; building one per call is slow.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export interface Walkable {
  location: string | null;
  name: string;
  sku: string;
}

/** Sorted for one walk through the shelves: by location, items without one last, then by name. */
export function walkOrder<T extends Walkable>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => {
    if (a.location !== b.location) {
      if (a.location === null) return 1;
      if (b.location === null) return -1;
      const byLocation = collator.compare(a.location, b.location);
      if (byLocation !== 0) return byLocation;
    }
    return collator.compare(a.name, b.name) || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
  });
}

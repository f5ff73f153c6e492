import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of electron/core (electron/core/floors.json): every folder stands on a floor and
 * imports only floors below it; folders on a 'lateral' floor may import each other as long as the
 * folder graph has no cycle; `sandbox/` is reached only from the composition root (the core's own
 * files) and tests; no folder imports another folder's handlers. eslint.config.ts reads the same
 * floors.json and refuses such an import as it is written; this test proves the whole graph.
 */
const REPO = join(import.meta.dirname, '../..');
const CORE = join(REPO, 'electron/core');
const IMPORT =
  /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

type FloorSpec = string[] | { lateral: string[] };
const plan = JSON.parse(readFileSync(join(CORE, 'floors.json'), 'utf8')) as {
  floors: FloorSpec[];
  rootOnly: string[];
};
const folders = (floor: FloorSpec) => (Array.isArray(floor) ? floor : floor.lateral);
const rank = new Map<string, number>();
const lateral = new Set<string>();
plan.floors.forEach((floor, index) =>
  folders(floor).forEach((folder) => {
    rank.set(folder, index);
    if (!Array.isArray(floor)) lateral.add(folder);
  }),
);

/** First-level folder of a core file; '.' for the core's own files (the composition root). */
function topOf(file: string): string {
  const path = relative(CORE, file);
  return path.includes(sep) ? (path.split(sep)[0] ?? '.') : '.';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string {
  const target = resolve(dirname(from), spec);
  if (target.endsWith('.ts')) return target;
  const asFile = `${target}.ts`;
  try {
    readFileSync(asFile);
    return asFile;
  } catch {
    return join(target, 'index.ts');
  }
}

interface Arrow {
  from: string;
  to: string;
  at: string;
  handlers: boolean;
}

const arrows: Arrow[] = sourceFiles(CORE).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].flatMap((match) => {
    const target = resolveImport(file, match[1] ?? match[2] ?? '');
    if (!target.startsWith(CORE + sep)) return [];
    const line = text.slice(0, match.index).split('\n').length;
    return [
      {
        from: topOf(file),
        to: topOf(target),
        at: `${relative(REPO, file)}:${line}`,
        handlers: /\.handlers\.ts$/.test(target),
      },
    ];
  });
});

function breaksFloors({ from, to }: Arrow): boolean {
  if (from === to || from === '.') return false;
  if (to === '.' || plan.rootOnly.includes(to)) return true;
  const [fromRank, toRank] = [rank.get(from) ?? -1, rank.get(to) ?? -1];
  return toRank > fromRank || (toRank === fromRank && !lateral.has(from));
}

/** Folders that sit in an import cycle (Tarjan's strongly connected components). */
function cycles(edges: Arrow[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (from === to) continue;
    next.set(from, (next.get(from) ?? new Set()).add(to));
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member !== undefined) component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the floors of electron/core', () => {
  it('puts every core folder on a floor', () => {
    const unplaced = readdirSync(CORE, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !rank.has(entry.name))
      .map((entry) => entry.name);
    expect(unplaced).toEqual([]);
  });

  it('imports only downwards, and reaches the sandbox from the composition root only', () => {
    const upward = arrows.filter(breaksFloors);
    expect(upward.map((arrow) => `${arrow.at} -> ${arrow.to}/`)).toEqual([]);
  });

  it("never imports another folder's handlers", () => {
    const reaching = arrows.filter(
      (arrow) => arrow.handlers && arrow.from !== arrow.to && arrow.from !== '.',
    );
    expect(reaching.map((arrow) => arrow.at)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    expect(cycles(arrows)).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Folders that are not the project's own text: installed packages, build output, git itself. */
const NOT_SOURCE = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', '.packdesk']);

/**
 * The project's text files, found by walking the tree rather than asking git: CI runs the tests
 * from a copy that has no .git folder (.ci/run).
 */
function repositoryFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return NOT_SOURCE.has(entry.name) ? [] : repositoryFiles(path);
    const name = relative(ROOT, path);
    if (name.startsWith('resources/marketplace/')) return [];
    return /\.(ts|tsx|mts|mjs|js|json|md|yml|yaml)$|^\.ci\//.test(name) ? [name] : [];
  });
}

// A person who clones the project has only the repository: the CI proves it by running every
// test from a lone copy (.ci/run); this names the offending line when someone reaches outside.
describe('the repository stands alone', () => {
  it('reaches no folder beside the checkout', () => {
    const outside = /(\.\.\/)+shared\/(marketplace|design|research|seeds|tools|hooks)\b/;
    const offending = repositoryFiles().flatMap((path) => {
      return readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          outside.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [],
        );
    });
    expect(offending).toEqual([]);
  });

  it("keeps Ozon's published schema with its source, date and hash", () => {
    const schema = readFileSync(join(ROOT, 'resources/marketplace/ozon-seller-openapi.json'));
    const readme = readFileSync(join(ROOT, 'resources/marketplace/README.md'), 'utf8');
    const hash = createHash('sha256').update(schema).digest('hex');
    expect(readme).toContain(hash);
    expect(readme).toContain('https://docs.ozon.ru/api/seller/swagger.json');
    const document = JSON.parse(schema.toString('utf8')) as { openapi: string; paths: object };
    expect(document.openapi).toMatch(/^3\.0/);
    expect(Object.keys(document.paths).length).toBeGreaterThan(400);
  });
});

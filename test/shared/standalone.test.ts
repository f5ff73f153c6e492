import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Every file git tracks or would add, read as text where it is text. */
function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((path) => path !== '' && /\.(ts|tsx|mts|mjs|js|json|md|yml|yaml)$|^\.ci\//.test(path))
    .filter((path) => !path.startsWith('resources/marketplace/'));
}

// A person who clones the project has only the repository: the CI proves it by running every
// test from a lone copy (.ci/run); this names the offending line when someone reaches outside.
describe('the repository stands alone', () => {
  it('reaches no folder beside the checkout', () => {
    const outside = /(\.\.\/)+shared\/(marketplace|design|research|seeds|tools|hooks)\b/;
    const offending = repositoryFiles().flatMap((path) => {
      let text: string;
      try {
        text = readFileSync(join(ROOT, path), 'utf8');
      } catch {
        return []; // deleted in the working tree
      }
      return text
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

import { getConfig } from 'app-builder-lib/out/util/config/config';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSchemaFile } from '../../electron/core/sandbox/openapi/schema-file';

const projectDir = join(__dirname, '../..');
const SCHEMA = 'resources/marketplace/ozon-seller-openapi.json';

/**
 * The sandbox reads Ozon's schema at run time wherever the core runs: from source, from the
 * station build (the bundler may place the sandbox in out/main/ or out/main/chunks/), and from
 * the packaged app, where the same layout sits inside app.asar.
 */
describe("finding Ozon's schema at run time", () => {
  const root = mkdtempSync(join(tmpdir(), 'packdesk-schema-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'app.asar/resources/marketplace'), { recursive: true });
  writeFileSync(join(root, 'app.asar', SCHEMA), '{}');

  it.each(['electron/core/sandbox/openapi', 'out/main', 'out/main/chunks'])('from %s', (layout) => {
    const from = join(root, 'app.asar', layout);
    mkdirSync(from, { recursive: true });
    expect(findSchemaFile(from)).toBe(join(root, 'app.asar', SCHEMA));
  });

  it('from this checkout', () => {
    expect(findSchemaFile()).toBe(join(projectDir, SCHEMA));
  });

  it('says where it looked when the file is missing', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'packdesk-no-schema-'));
    try {
      expect(() => findSchemaFile(elsewhere)).toThrow(/is not above/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('the packaged app ships the file (electron-builder `files`)', async () => {
    const config = await getConfig(projectDir, join(projectDir, 'electron-builder.yml'), null);
    const patterns = (config.files as { filter: string[] }[]).flatMap((entry) => entry.filter);
    expect(patterns).toContain(SCHEMA);
  });
});

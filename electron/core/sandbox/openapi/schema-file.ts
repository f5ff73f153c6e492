import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The parts of Ozon's OpenAPI 3.0 document the validator reads. */
export interface OzonSchemaDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const RELATIVE_PATH = 'resources/marketplace/ozon-seller-openapi.json';

/**
 * The repository's copy of Ozon's schema, found by walking up from this code: from source it
 * is four folders up, in the station build the bundler may put this module in `out/main/` or
 * `out/main/chunks/`, and in the packaged app the same layout sits inside `app.asar`
 * (electron-builder.yml lists the file). The walk does not depend on where a chunk lands.
 */
export function findSchemaFile(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, RELATIVE_PATH);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) {
      throw new Error(`Ozon's OpenAPI schema (${RELATIVE_PATH}) is not above ${from}`);
    }
  }
}

let document: OzonSchemaDocument | null = null;

/**
 * Ozon's published schema, read on first use: 3.9 MB of JSON is parsed only when the sandbox
 * checks its first call, so the Demo store starts without waiting for it.
 */
export function ozonSchemaDocument(): OzonSchemaDocument {
  document ??= JSON.parse(readFileSync(findSchemaFile(), 'utf8')) as OzonSchemaDocument;
  return document;
}

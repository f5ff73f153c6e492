import { migration0001 } from './0001_foundation';
import { migration0002 } from './0002_marketplace';
import { migration0003 } from './0003_printing';
import { migration0004 } from './0004_counter';
import { migration0005 } from './0005_printing_documents';
import { migration0006 } from './0006_print_error_codes';
import { migration0007 } from './0007_product_skus';

/**
 * One migration: plain SQL run in its own transaction. Released migrations are never edited or
 * renamed; a change is a new file with the next zero-padded number.
 */
export interface Migration {
  name: string;
  sql: string;
}

/** In order; the position (1-based) is the schema version stored in `PRAGMA user_version`. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
];

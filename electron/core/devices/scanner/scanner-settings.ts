import {
  serialScannerSettings,
  type SerialScannerSettings,
} from '../../../../shared/schemas/packing.schema';
import type { Db } from '../../db/connection';

const KEY = 'scanners.serial';

export const DEFAULT_SERIAL_SETTINGS: SerialScannerSettings = {
  enabled: false,
  path: null,
  baudRate: 9600,
};

/** The serial scanner setting; a missing or unreadable value is the default (off). */
export async function readSerialSettings(db: Db): Promise<SerialScannerSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_SERIAL_SETTINGS;
  try {
    const parsed = serialScannerSettings.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_SERIAL_SETTINGS;
  } catch {
    return DEFAULT_SERIAL_SETTINGS;
  }
}

export async function writeSerialSettings(
  db: Pick<Db, 'insertInto'>,
  settings: SerialScannerSettings,
): Promise<void> {
  const value = JSON.stringify(settings);
  await db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

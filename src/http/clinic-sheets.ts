// The latest price sheet of a clinic, for estimates and quotes. Read from storage on every request
// (one indexed query), so every instance prices from the newest version the moment it is stored;
// only the parsing of a version, which never changes, is remembered.
import type { ClinicSheet, PriceSheet } from '../domain/price-sheet.js';
import { readSheet } from '../storage/price-sheets.js';
import type { Storage } from '../storage/storage.js';
import { HttpProblem } from './problem.js';
import { withStorage } from './storage-call.js';

export interface ClinicSheets {
  /** The clinic's latest sheet; 422 when the clinic or its sheet does not exist, 503 without storage. */
  latest(clinicId: string, where: 'body' | 'query'): Promise<ClinicSheet>;
}

const PARSED_LIMIT = 1_000;

export function createClinicSheets(storage: Storage): ClinicSheets {
  const parsed = new Map<string, PriceSheet>();
  return {
    async latest(clinicId, where) {
      const found = await withStorage(storage, 'read-sheet', async (db) => {
        const sheet = await readSheet(db, clinicId);
        if (sheet) return sheet;
        const [clinic] = await db.query<{ id: string }>('SELECT id FROM clinics WHERE id = $1', [clinicId]);
        return clinic ? 'no-sheet' : undefined;
      });
      if (found === undefined) {
        throw new HttpProblem('unknown-clinic', `No clinic '${clinicId}'.`, [{ pointer: '/clinic', in: where, message: `'${clinicId}' is not a clinic; leave the field out for a market estimate` }]);
      }
      if (found === 'no-sheet') {
        throw new HttpProblem('clinic-has-no-price-sheet', `Clinic '${clinicId}' has not published a price sheet yet.`, [
          { pointer: '/clinic', in: where, message: 'this clinic has no price sheet yet (PUT /v1/clinics/{id}/price-sheet); leave the field out for a market estimate' },
        ]);
      }
      const key = `${found.clinicId}:${found.version}`;
      let sheet = parsed.get(key);
      if (!sheet) {
        sheet = JSON.parse(found.sheet) as PriceSheet;
        if (parsed.size >= PARSED_LIMIT) parsed.clear();
        parsed.set(key, sheet);
      }
      return { clinicId: found.clinicId, clinicName: found.clinicName, version: found.version, createdAt: found.createdAt, sheet };
    },
  };
}

// A made file (an export, a weekly digest's workbook) kept in the exports table, where the signed
// link route serves it until it expires. Expired files go whenever a new one is kept: they are no
// use to anyone. Keeping one under an id that exists (a digest made again) replaces it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface ExportFileRow { id: string; requestedBy: string | null; filename: string; bytes: Buffer; rows: number; expiresAt: Date; now: Date }

export async function storeExportFile(db: Kysely<Database>, f: ExportFileRow): Promise<void> {
  await db.deleteFrom('exports').where('expires_at', '<', f.now).execute();
  await db.insertInto('exports')
    .values({ id: f.id, requested_by: f.requestedBy, filename: f.filename, bytes: f.bytes, rows: f.rows, expires_at: f.expiresAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ filename: f.filename, bytes: f.bytes, rows: f.rows, expires_at: f.expiresAt, created_at: f.now }))
    .execute();
}

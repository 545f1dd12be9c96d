// The Feishu adapter's memory of uploaded pictures (migration 010), per app and by the bytes'
// SHA-256: the same picture is uploaded once per app, whichever item, instance or restart shows it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FeishuPictureStore } from '../../adapters/feishu/pictures.js';

/** A picture Feishu refused is not offered again for this long (an app given `im:resource` later gets it shown soon). */
export const REFUSED_PICTURE_MS = 60 * 60_000;

export function createFeishuPictureStore(db: Kysely<Database>, appId: string, now: () => Date): FeishuPictureStore {
  return {
    async known(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('attachments as a')
        .innerJoin('feishu_image_keys as k', (join) => join.onRef('k.sha256', '=', 'a.sha256').on('k.app_id', '=', appId))
        .select(['a.id', 'k.image_key', 'k.failed_at']).where('a.id', 'in', ids).execute();
      const recent = now().getTime() - REFUSED_PICTURE_MS;
      const keys = new Map<string, string | null>();
      for (const r of rows) {
        if (r.image_key) keys.set(r.id, r.image_key);
        else if (r.failed_at && new Date(r.failed_at).getTime() > recent) keys.set(r.id, null);
      }
      return keys;
    },
    async bytesOf(id) {
      const row = await db.selectFrom('attachments').select('bytes').where('id', '=', id).executeTakeFirst();
      return row ? Buffer.from(row.bytes) : undefined;
    },
    async remember(id, imageKey) {
      await sql`insert into feishu_image_keys (app_id, sha256, image_key)
        select ${appId}, sha256, ${imageKey} from attachments where id = ${id}
        on conflict (app_id, sha256) do update set image_key = excluded.image_key, failed_at = null, updated_at = now()`.execute(db);
    },
    async refused(id) {
      await sql`insert into feishu_image_keys (app_id, sha256, failed_at)
        select ${appId}, sha256, ${now()} from attachments where id = ${id}
        on conflict (app_id, sha256) do update set failed_at = excluded.failed_at, updated_at = now()
        where feishu_image_keys.image_key is null`.execute(db);
    },
  };
}

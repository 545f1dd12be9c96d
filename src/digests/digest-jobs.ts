// The daily and weekly digests on the shared scheduler: each slot runs once across instances
// (advisory lock, job_runs), and the newest missed slot runs once after downtime.
import type { Deps } from '../deps.js';
import { postScheduledDigest } from './produce-digest.js';
import type { DigestKind } from './period.js';

export function registerDigestJobs(deps: Deps): void {
  const { dailyCron, weeklyCron, timeZone } = deps.config.digests;
  const schedule: [DigestKind, string | null][] = [['daily', dailyCron], ['weekly', weeklyCron]];
  for (const [kind, cron] of schedule) {
    if (!cron) continue;
    deps.jobs.register({
      name: `digest.${kind}`, cron, timezone: timeZone,
      // The period is the last whole day or week before the slot, so a late catch-up reports the same one.
      async run({ deps: d, scheduledFor }) {
        const posted = await postScheduledDigest(d, kind, scheduledFor);
        d.log.info({ digest: posted.digestId, rooms: posted.rooms }, 'digest queued');
        d.outbox.kick();
      },
    });
  }
}

// The warnings job: every WARNINGS_SCAN_CRON it evaluates every signal and applies the findings
// (open, raise, update, recover). The safety check also runs as each item arrives (watch()).
import type { Deps } from '../deps.js';
import { WARNING_TYPES } from './levels.js';
import { safetyMatcher } from './safety-words.js';
import { breachData, repeatData, safetyData, satisfactionData, sourceData, surgeData, unclaimedData } from './signal-data.js';
import { breachFindings, repeatFindings, safetyFindings, satisfactionFindings, silentFindings, surgeFindings, unclaimedFindings } from './signals.js';
import { applyFindings, type ApplyResult } from './warnings-repo.js';

export const SCAN_JOB = 'warnings.scan';

export async function scanWarnings(deps: Deps, now: Date): Promise<ApplyResult> {
  const s = deps.config.warnings;
  const matches = safetyMatcher(s.safety.words);
  const findings = [
    ...surgeFindings(await surgeData(deps.db, now, s.surge), s.surge),
    ...breachFindings(await breachData(deps.db, now, s.breach), s.breach),
    ...unclaimedFindings(await unclaimedData(deps.db, now), s.unclaimed),
    ...satisfactionFindings(await satisfactionData(deps.db, now, s.satisfaction), s.satisfaction),
    ...silentFindings(await sourceData(deps.db, now, s.silent, s.surge.baselineWeeks), s.silent),
    ...repeatFindings(await repeatData(deps.db, now, s.repeat), s.repeat),
    ...safetyFindings(await safetyData(deps.db, now, s.safety, matches), s.safety),
  ];
  const result = await applyFindings(deps.db, { now, types: [...WARNING_TYPES], findings, rooms: await warningRooms(deps), t: deps.t });
  if (Object.values(result).some((ids) => ids.length > 0)) deps.outbox.kick();
  return result;
}

async function warningRooms(deps: Deps) {
  return (await deps.channels.list()).filter((c) => c.purpose === 'warnings');
}

export interface WarningsWatch {
  /** Called after an item's commit: a safety or legal word starts the cluster check at once. */
  itemStored(text: string): void;
  /** Resolves when the checks started so far have finished (tests, shutdown). */
  settled(): Promise<void>;
}

/** Checks run one after another in this process; several instances are kept apart by the warnings' unique live key. */
export function createWarningsWatch(deps: () => Deps): WarningsWatch {
  let matches: ((text: string) => string | null) | undefined;
  let chain: Promise<void> = Promise.resolve();
  return {
    itemStored(text) {
      const d = deps();
      matches ??= safetyMatcher(d.config.warnings.safety.words);
      if (!matches(text)) return;
      chain = chain.then(async () => {
        const now = d.clock.now();
        const s = d.config.warnings.safety;
        const findings = safetyFindings(await safetyData(d.db, now, s, matches!), s);
        if (findings.length === 0) return;
        const result = await applyFindings(d.db, { now, types: [], findings, rooms: await warningRooms(d), t: d.t });
        if (result.opened.length + result.raised.length + result.updated.length > 0) d.outbox.kick();
      }).catch((error: unknown) => d.log.error({ err: error }, 'safety warning check failed'));
    },
    settled: () => chain,
  };
}

export function registerWarningJobs(deps: Deps): void {
  deps.jobs.register({ name: SCAN_JOB, cron: deps.config.warnings.scanCron, run: async ({ deps: d, now }) => { await scanWarnings(d, now); } });
}

// Sends generated requests at an app through inject() and keeps what the checks need: answers by
// status and endpoint, every 5xx with the request that caused it, and the heap after a full
// collection at two points, to tell a leak from noise.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { App } from '../../src/app.js';
import { createRng, fuzzRequest, type FuzzRequest, type FuzzTarget } from './inbound-requests.js';

export interface FuzzReport {
  requests: number;
  byStatus: Record<number, number>;
  byEndpoint: Record<string, Record<number, number>>;
  serverErrors: { request: Omit<FuzzRequest, 'payload'> & { payload?: string }; status: number; body: string }[];
  /** Bytes of heap in use after a full collection, once warm and at the end. */
  heapWarm: number;
  heapEnd: number;
  seconds: number;
}

/** A full collection on demand, without starting Node with --expose-gc. */
export function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function runFuzz(app: App, o: {
  count: number; seed: number; target: FuzzTarget; concurrency?: number; onProgress?: (done: number) => void;
  /** Another generator (one platform's requests only); the default spreads over every endpoint. */
  generate?: (rng: () => number, serial: number) => FuzzRequest;
}): Promise<FuzzReport> {
  const gc = collectGarbage();
  const rng = createRng(o.seed);
  const report: FuzzReport = { requests: 0, byStatus: {}, byEndpoint: {}, serverErrors: [], heapWarm: 0, heapEnd: 0, seconds: 0 };
  const warmAt = Math.floor(o.count / 5);
  const started = performance.now();
  let next = 0;
  const measure = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
  const worker = async () => {
    while (next < o.count) {
      const serial = next++;
      if (serial === warmAt) report.heapWarm = measure();
      const request = o.generate ? o.generate(rng, serial) : fuzzRequest(rng, o.target, serial);
      const res = await app.inject({ method: request.method, url: request.url, headers: request.headers, ...(request.payload ? { payload: request.payload } : {}) });
      report.requests++;
      report.byStatus[res.statusCode] = (report.byStatus[res.statusCode] ?? 0) + 1;
      const endpoint = (report.byEndpoint[request.endpoint] ??= {});
      endpoint[res.statusCode] = (endpoint[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500 && report.serverErrors.length < 20) {
        report.serverErrors.push({ request: { ...request, payload: request.payload?.subarray(0, 400).toString('base64') }, status: res.statusCode, body: res.body.slice(0, 300) });
      }
      if (report.requests % 1000 === 0) o.onProgress?.(report.requests);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  report.heapEnd = measure();
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

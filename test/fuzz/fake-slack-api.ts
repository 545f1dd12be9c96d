// A stand-in for Slack's Web API while fuzzing: every method answers ok, so what the bot sends
// out never fails and never leaves the machine; the fuzz is about what comes in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startFakeSlackApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel: 'C0FUZZ', ts: '1700000000.000100', view: { id: 'V0FUZZ' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

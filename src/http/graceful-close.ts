// A shutdown must not wait on idle keep-alive connections. The server closes the idle ones when it
// stops listening, but a connection busy with a request then becomes idle afterwards and would be
// kept open by the client for the keep-alive time (72 s): so every answer sent while closing asks
// the client to close the connection.
import type { FastifyInstance } from 'fastify';

export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}

// Live updates for open browser windows: each posted or updated message is published here and
// streamed to every subscriber (Server-Sent Events). In-process: one bot instance serves the page.
import { EventEmitter } from 'node:events';
import type { LocalMessage } from './local-message.js';

export type LocalEvent = { type: 'message.created' | 'message.updated'; message: LocalMessage };

export class LocalBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  publish(event: LocalEvent): void {
    this.#emitter.emit('event', event);
  }

  subscribe(listener: (event: LocalEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
}

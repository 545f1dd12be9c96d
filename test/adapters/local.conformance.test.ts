// The conformance suite for the local web chat. It has no signatures (it is served to the
// browser beside the bot), so its refusals are the malformed ones; it sends to no remote platform.
import { renderLocal } from '../../adapters/local/local-adapter.js';
import { buildTestApp, messagesIn } from '../helpers/test-app.js';
import { describeConformance } from './conformance.js';

const json = (payload: string | object) => ({ method: 'POST' as const, url: '/local/api/actions', headers: { 'content-type': 'application/json' }, payload });

describeConformance({
  name: 'local',
  start: (kind) => buildTestApp(kind),
  click: (itemId) => json({ actor: 'li-wei', item_id: itemId, action: 'claim' }),
  badRequests: (itemId) => [
    { name: 'not JSON', request: json('{"actor": '), status: 400 },
    { name: 'no actor', request: json({ item_id: itemId, action: 'claim' }), status: 403 }, // nobody named and no session: not identified
    { name: 'unknown actor', request: json({ actor: 'mallory', item_id: itemId, action: 'claim' }), status: 403 },
    { name: 'unknown action', request: json({ actor: 'li-wei', item_id: itemId, action: 'delete' }), status: 400 },
  ],
  // The local chat shows the neutral card itself: within its limits means nothing cut or changed.
  limitViolations(card) {
    const body = JSON.parse(JSON.stringify(renderLocal({ card, readOnly: false })));
    return JSON.stringify(body.card) === JSON.stringify(card) ? [] : ['the card changed on its way to the page'];
  },
  async deliveredCards(app) {
    return (await messagesIn(app, 'feedback')).filter((m) => m.card).map((m) => m.card!.fallback);
  },
});

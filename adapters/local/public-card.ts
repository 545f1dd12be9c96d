// The neutral card as the local JSON API shows it: snake_case like every public answer
// (`item_id`), while the card tree inside the code keeps its TypeScript names.
import type { Card, CardButton, CardNode } from '../../cards/card.js';

export type PublicButton = Omit<CardButton, 'itemId'> & { item_id: string };
export type PublicNode = Exclude<CardNode, { type: 'actions' }> | { type: 'actions'; buttons: PublicButton[] };
export type PublicCard = Omit<Card, 'itemId' | 'body'> & { item_id?: string; body: PublicNode[] };

export function publicCard(card: Card): PublicCard {
  const { itemId, body, ...rest } = card;
  return { ...rest, ...(itemId ? { item_id: itemId } : {}), body: body.map(publicNode) };
}

function publicNode(node: CardNode): PublicNode {
  // A picture's own id is for platforms that upload it; the page loads it from its signed url.
  if (node.type === 'image') return { type: 'image', url: node.url, alt: node.alt };
  if (node.type !== 'actions') return node;
  return { type: 'actions', buttons: node.buttons.map(({ itemId, ...button }) => ({ ...button, item_id: itemId })) };
}

import type { Card } from '../../cards/card.js';
import { publicCard, type PublicCard } from './public-card.js';

/** A message in a local room, as the JSON API and the live stream show it (snake_case, like every public answer). */
export interface LocalMessage {
  id: number;
  room: string;
  kind: 'card' | 'text';
  card?: PublicCard;
  read_only?: boolean;
  text?: string;
  created_at: string;
  updated_at: string;
}

export type LocalBody = { kind: 'card'; card: Card; readOnly: boolean } | { kind: 'text'; text: string };

export function localRowToMessage(row: { id: number; room: string; body: unknown; created_at: Date; updated_at: Date }): LocalMessage {
  const body = row.body as LocalBody;
  return {
    id: row.id, room: row.room, kind: body.kind,
    ...(body.kind === 'card' ? { card: publicCard(body.card), read_only: body.readOnly } : { text: body.text }),
    created_at: new Date(row.created_at).toISOString(), updated_at: new Date(row.updated_at).toISOString(),
  };
}

// The neutral card tree. Builders in cards/ know the domain and never a platform; renderers in
// adapters/*/render.ts know a platform and never the domain.
import type { ActionName } from '../src/domain/types.js';

export type CardNode =
  | { type: 'text'; text: string; muted?: boolean }
  | { type: 'fields'; fields: CardField[] }
  | { type: 'actions'; buttons: CardButton[] }
  /**
   * A picture. `url` is where a person's client can load it ('' when there is no such address for
   * this card: the renderer then names it by `alt`). `picture` marks one the bot keeps (an item's
   * attachment), which a platform that takes uploads (Feishu) uploads and shows by its own key.
   */
  | { type: 'image'; url: string; alt: string; picture?: CardPicture }
  | { type: 'context'; text: string };

export interface CardPicture { id: string; contentType: string; size: number }

export interface CardField { label: string; value: string }

/** A form input a button asks for before its action is sent (reply text, escalation reason…). */
export interface CardInput {
  name: string;
  label: string;
  kind: 'text' | 'select';
  required: boolean;
  /** Required unless this other input of the form is filled (a reply text, or a picked template). */
  requiredUnless?: string;
  options?: { value: string; label: string }[];
}

export interface CardButton {
  label: string;
  action: ActionName;
  itemId: string;
  style?: 'primary' | 'danger';
  inputs?: CardInput[];
}

export interface Card {
  title: string;
  /** The item a card is about, so read-only cards (no buttons) can still be matched to it. */
  itemId?: string;
  tone: 'info' | 'warning' | 'danger';
  body: CardNode[];
  /** Plain text for notifications and platforms that cannot show the card. */
  fallback: string;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

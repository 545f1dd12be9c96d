// Which rooms get an item's card: chat_channels rows with a purpose and optional filters on
// topic, priority, customer tier and source. Pure.
import type { RoutingFilters } from './db/schema.js';
import type { FeedbackItem } from './domain/types.js';

export type ChannelPurpose = 'intake' | 'escalation' | 'warnings' | 'digests';

export interface RoutedChannel {
  platform: string;
  chatId: string;
  purpose: ChannelPurpose;
  name: string;
  filters: RoutingFilters;
  readOnly: boolean;
}

/** What routing looks at: enough to route an item before it is stored. */
export type Routable = Pick<FeedbackItem, 'topic' | 'priority' | 'tier' | 'source'>;

/**
 * The channels of a purpose whose filters all match the item. Nothing is lost: when no filtered
 * channel matches, the item goes to the channels without filters, and failing those to all.
 */
export function routeItem(item: Routable, channels: RoutedChannel[], purpose: ChannelPurpose): RoutedChannel[] {
  const candidates = channels.filter((c) => c.purpose === purpose);
  const matched = candidates.filter((c) => matches(item, c.filters));
  if (matched.length > 0) return matched;
  const catchAll = candidates.filter((c) => !hasFilters(c.filters));
  return catchAll.length > 0 ? catchAll : candidates;
}

/** True when some channel routes by customer tier (then an item's stored tier matters). */
export function hasTierFilters(channels: RoutedChannel[]): boolean {
  return channels.some((c) => (c.filters.tiers?.length ?? 0) > 0);
}

function matches(item: Routable, f: RoutingFilters): boolean {
  return within(f.topics, item.topic) && within(f.priorities, item.priority) && within(f.tiers, item.tier) && within(f.sources, item.source);
}

function within(allowed: string[] | undefined, value: string): boolean {
  return !allowed || allowed.length === 0 || allowed.includes(value);
}

function hasFilters(f: RoutingFilters): boolean {
  return [f.topics, f.priorities, f.tiers, f.sources].some((list) => list && list.length > 0);
}

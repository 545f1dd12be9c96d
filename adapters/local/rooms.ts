// The rooms of the local web chat, each a chat_channels row of platform 'local'.
import type { RoutedChannel } from '../../src/routing.js';

export const LOCAL_ROOMS: RoutedChannel[] = [
  { platform: 'local', chatId: 'feedback', purpose: 'intake', name: '反馈 Feedback', filters: {}, readOnly: false },
  { platform: 'local', chatId: 'escalations', purpose: 'escalation', name: '升级 Escalations', filters: {}, readOnly: false },
  { platform: 'local', chatId: 'warnings', purpose: 'warnings', name: '预警 Warnings', filters: {}, readOnly: false },
  { platform: 'local', chatId: 'digests', purpose: 'digests', name: '日报 Digests', filters: {}, readOnly: false },
];

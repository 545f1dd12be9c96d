// The zh/en message catalogue: one part per area so that areas can grow independently.
import { coreMessages } from './messages-core.js';
import { domainMessages } from './messages-domain.js';
import { chatMessages } from './messages-chat.js';
import { inputMessages } from './messages-input.js';
import { summaryMessages } from './messages-summary.js';
import { startupMessages } from './messages-startup.js';
import { validationMessages } from './messages-validation.js';
import { wecomMessages } from './messages-wecom.js';
import { accessMessages } from './messages-access.js';
import { digestMessages } from './messages-digest.js';
import { statsMessages } from './messages-stats.js';
import { deadlineMessages } from './messages-deadlines.js';
import { warningMessages } from './messages-warnings.js';
import { attachmentMessages } from './messages-attachments.js';

export interface Message { zh: string; en: string }
export const catalogue = { ...coreMessages, ...domainMessages, ...chatMessages, ...inputMessages, ...summaryMessages, ...validationMessages, ...startupMessages, ...wecomMessages, ...accessMessages, ...digestMessages, ...statsMessages, ...deadlineMessages, ...warningMessages, ...attachmentMessages } satisfies Record<string, Message>;
export type MessageKey = keyof typeof catalogue;

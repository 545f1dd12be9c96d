// Core wording: rooms, cards, commands, intake.
export const coreMessages = {
  'room.feedback': { zh: '反馈', en: 'Feedback' },
} as const;

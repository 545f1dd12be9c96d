// Wording of a room's summary card (a burst folded into one card). zh first, en second.
export const summaryMessages = {
  'summary.title': { zh: '新反馈汇总：{n} 条', en: 'New feedback summary: {n} items' },
  'summary.lead': {
    zh: '新反馈超过了本群每分钟能显示的卡片数，以下 {n} 条未单独发卡片，已汇总在此并持续更新。',
    en: 'More new items arrived than this room can show in a minute: these {n} have no card each and are counted here, kept up to date.',
  },
  'summary.by_priority': { zh: '按优先级', en: 'By priority' },
  'summary.by_topic': { zh: '按主题', en: 'By topic' },
  'summary.urgent': { zh: '紧急（已单独发卡片）', en: 'Urgent (each has its own card)' },
  'summary.none': { zh: '无', en: 'none' },
  'summary.queue': { zh: '输入 /fb queue 查看并认领', en: 'Type /fb queue to see and claim them' },
} as const;

// Lifecycle wording: states, actions, refusals, resolution codes, and the labels of the
// classification vocabulary. Keys are `<family>.<value>` so `labelOf` can find them by value.
//
// Refusal templates name their parameters per language ({do_zh}, {state_en}, …) because a
// parameter that is itself a label must be rendered in the sentence's own language: filling a
// bilingual "回复 / Reply" into both halves of a "zh / en" line would garble both.
export const domainMessages = {
  'state.new': { zh: '新建', en: 'New' },
  'state.claimed': { zh: '已认领', en: 'Claimed' },
  'state.waiting_customer': { zh: '等待客户', en: 'Waiting on customer' },
  'state.escalated': { zh: '已升级', en: 'Escalated' },
  'state.resolved': { zh: '已解决', en: 'Resolved' },
  'state.closed': { zh: '已关闭', en: 'Closed' },

  'action.claim': { zh: '认领', en: 'Claim' },
  'action.reply': { zh: '回复', en: 'Reply' },
  'action.note': { zh: '备注', en: 'Note' },
  'action.wait': { zh: '等待客户', en: 'Wait on customer' },
  'action.escalate': { zh: '升级', en: 'Escalate' },
  'action.resolve': { zh: '解决', en: 'Resolve' },
  'action.close': { zh: '关闭', en: 'Close' },
  'action.reopen': { zh: '重新打开', en: 'Reopen' },

  'resolution.solved': { zh: '已解决', en: 'Solved' },
  'resolution.refunded': { zh: '已退款', en: 'Refunded' },
  'resolution.replaced': { zh: '已换货', en: 'Replaced' },
  'resolution.explained': { zh: '已解释', en: 'Explained' },
  'resolution.duplicate': { zh: '重复', en: 'Duplicate' },
  'resolution.no_response': { zh: '客户无回应', en: 'No response' },
  'resolution.wont_fix': { zh: '不予处理', en: "Won't fix" },

  'priority.urgent': { zh: '紧急', en: 'Urgent' },
  'priority.general': { zh: '一般', en: 'General' },
  'priority.routine': { zh: '常规', en: 'Routine' },

  'kind.inquiry': { zh: '咨询', en: 'Inquiry' },
  'kind.complaint': { zh: '投诉', en: 'Complaint' },
  'kind.suggestion': { zh: '建议', en: 'Suggestion' },
  'kind.praise': { zh: '表扬', en: 'Praise' },

  'sentiment.positive': { zh: '正面', en: 'Positive' },
  'sentiment.neutral': { zh: '中性', en: 'Neutral' },
  'sentiment.negative': { zh: '负面', en: 'Negative' },

  'topic.logistics': { zh: '物流', en: 'Logistics' },
  'topic.quality': { zh: '质量', en: 'Quality' },
  'topic.refund': { zh: '退款', en: 'Refund' },
  'topic.attitude': { zh: '服务态度', en: 'Service attitude' },
  'topic.price': { zh: '价格', en: 'Price' },
  'topic.product_function': { zh: '产品功能', en: 'Product function' },
  'topic.account': { zh: '账户', en: 'Account' },
  'topic.other': { zh: '其他', en: 'Other' },

  'event.created': { zh: '收到', en: 'Received' },
  'event.claimed': { zh: '认领', en: 'Claimed' },
  'event.replied': { zh: '回复客户', en: 'Replied' },
  'event.noted': { zh: '内部备注', en: 'Note' },
  'event.waiting': { zh: '等待客户', en: 'Waiting on customer' },
  'event.escalated': { zh: '升级', en: 'Escalated' },
  'event.resolved': { zh: '解决', en: 'Resolved' },
  'event.closed': { zh: '关闭', en: 'Closed' },
  'event.reopened': { zh: '重新打开', en: 'Reopened' },
  'event.surveyed': { zh: '客户评价', en: 'Survey answer' },

  'role.agent': { zh: '客服', en: 'Agent' },
  'role.supervisor': { zh: '主管', en: 'Supervisor' },
  'role.manager': { zh: '经理', en: 'Manager' },
  'role.admin': { zh: '管理员', en: 'Admin' },

  // What was refused, as it reads inside a refusal sentence.
  'refusal.do.claim': { zh: '认领', en: 'claim this item' },
  'refusal.do.reply': { zh: '回复', en: 'reply to this item' },
  'refusal.do.note': { zh: '添加备注', en: 'add a note' },
  'refusal.do.wait': { zh: '标记为等待客户', en: 'mark this item as waiting on the customer' },
  'refusal.do.escalate': { zh: '升级', en: 'escalate this item' },
  'refusal.do.resolve': { zh: '解决', en: 'resolve this item' },
  'refusal.do.close': { zh: '关闭', en: 'close this item' },
  'refusal.do.reopen': { zh: '重新打开', en: 'reopen this item' },

  // Form fields an action needs, as `input_required` names them.
  'refusal.field.text': { zh: '内容', en: 'the text' },
  'refusal.field.reason': { zh: '原因', en: 'a reason' },
  'refusal.field.code': { zh: '处理结果', en: 'a resolution code' },

  'refusal.already_claimed': { zh: '已被 {name} 认领', en: 'already claimed by {name}' },
  'refusal.not_assignee': { zh: '该事项由 {name} 处理', en: 'this item is handled by {name}' },
  'refusal.not_assignee.action': { zh: '只有处理人 {name} 或主管可以{do_zh}', en: 'only the assignee ({name}) or a supervisor can {do_en}' },
  'refusal.supervisor_only': { zh: '只有主管可以{do_zh}', en: 'only a supervisor can {do_en}' },
  'refusal.supervisor_only.state': { zh: '「{state_zh}」状态的事项只有主管可以{do_zh}', en: 'only a supervisor can {do_en} while it is {state_en}' },
  'refusal.not_in_state': { zh: '事项当前状态为「{state_zh}」，不能{do_zh}', en: "can't {do_en} while it is {state_en}" },
  'refusal.input_required': { zh: '请提供{field_zh}', en: 'please provide {field_en}' },
} as const;

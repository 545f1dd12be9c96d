// What the WeCom app says in its one-to-one chat, where WeCom cards cannot hold text inputs.
export const wecomMessages = {
  'wecom.prompt.text': { zh: '请在 {minutes} 分钟内直接发送{label}（{title}）；发送“取消”放弃。', en: 'Send the {label} for {title} as your next message within {minutes} minutes; send "cancel" to drop it.' },
  'wecom.prompt.choose': { zh: '请在下面的卡片中选择{label}（{title}）。', en: 'Choose the {label} for {title} on the card below.' },
  'wecom.prompt.done': { zh: '已完成：{title}', en: 'Done: {title}' },
  'wecom.prompt.cancelled': { zh: '已取消：{title}，未作任何更改。', en: 'Cancelled: {title}; nothing was changed.' },
  'wecom.prompt.timed_out': { zh: '{title} 的输入已超时（{minutes} 分钟），未作任何更改；请重新点击卡片上的按钮。', en: 'The input for {title} timed out after {minutes} minutes and nothing was changed; click the button on the card again.' },
  'config.wecom_all': { zh: '五项都设置才会启用企业微信，或都不设置', en: 'set all five to switch WeCom on, or none' },
  'config.wecom_corp_id': { zh: '应为企业 ID（我的企业 → 企业信息）', en: 'must be the CorpID (My Company → Company Information)' },
  'config.wecom_secret': { zh: '应为应用的 Secret', en: "must be the app's Secret" },
  'config.wecom_token': { zh: '应为接收消息设置里的 Token（最多 32 个字母或数字）', en: 'must be the Token of the API receiving settings (up to 32 letters or digits)' },
  'config.wecom_aes_key': { zh: '应为 43 个字母或数字的 EncodingAESKey', en: 'must be the EncodingAESKey of 43 letters or digits' },
  'config.wecom_admin_ids': { zh: '应为逗号分隔的企业微信 UserID', en: 'must be WeCom user ids separated by commas' },
} as const;

// Wording of attachments: intake refusals and how cards name pictures and files. zh first, en second.
export const attachmentMessages = {
  'attachment.too_large': { zh: '附件超过 {size}', en: 'The attachment is over {size}' },
  'attachment.total_too_large': { zh: '附件合计超过 {size}', en: 'The attachments together are over {size}' },
  'attachment.type': { zh: '不支持的附件类型，可用：{types}', en: 'Unsupported attachment type; use one of: {types}' },
  'attachment.bad_base64': { zh: '不是有效的 Base64 数据', en: 'is not valid base64' },
  'attachment.empty': { zh: '附件为空', en: 'The attachment is empty' },
  'attachment.mismatch': { zh: '文件内容不是声明的 {declared}（看起来是 {found}）', en: 'The bytes are not the declared {declared} (they look like {found})' },
  'attachment.unknown_content': { zh: '无法识别的文件内容', en: 'unrecognised content' },
  'card.picture': { zh: '图片：{name}（{size}）', en: 'Picture: {name} ({size})' },
  'card.file': { zh: '附件：{name}（{size}）', en: 'File: {name} ({size})' },
  'note.picture': { zh: '[图片] {name}', en: '[picture] {name}' },
  'card.more_pictures': { zh: '另有 {n} 张图片', en: '{n} more pictures' },
} as const;

// WeCom's numbers (developer.work.weixin.qq.com: message/send 90236, appchat/send 90248, group robot
// 91770, template_card 90236/94888, callback 90930). Renderers cut to these; tests check every card
// stays within. Lengths of text WeCom counts in bytes are in UTF-8 bytes.
export const WECOM_LIMITS = {
  /** text and markdown content through message/send and appchat/send. */
  textBytes: 2048,
  markdownBytes: 2048,
  /** template_card: main_title.title and desc, sub_title_text (WeCom advises these lengths; longer is cut by the client). */
  cardTitle: 26,
  cardDesc: 30,
  subTitle: 112,
  /** horizontal_content_list items, their keyname and value. */
  fields: 6,
  fieldKey: 10,
  fieldValue: 30,
  /** button_list: buttons, each button's text; button key (returned as EventKey); task_id. */
  buttons: 6,
  buttonText: 10,
  buttonKeyBytes: 1024,
  taskIdBytes: 128,
  /** vote_interaction: options and their text. */
  voteOptions: 20,
  optionText: 11,
  /** message/send accepts this many user ids in `touser`. */
  usersPerSend: 1000,
  /** A callback whose timestamp is further off than this is refused as stale or replayed. */
  signatureWindowSeconds: 300,
  /** WeCom waits 5 s for the callback's answer: work still running after 3 s is acknowledged and finished later, leaving room for a busy machine. */
  answerWithinMs: 3000,
  /** One member takes at most 30 app messages a minute and a group robot 20 a minute; beyond, WeCom drops them silently. */
  perChatPerSecond: 0.3,
  /** A delivery waits this long at most for its members' pace (member-pace.ts); longer, the worker retries the room later. */
  memberWaitMs: 3_000,
} as const;

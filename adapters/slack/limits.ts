// Slack's numbers, each from the Block Kit reference (docs.slack.dev/reference/block-kit) or the
// API method page named beside it. Renderers cut to these; tests check every card stays within.
export const SLACK_LIMITS = {
  /** Blocks in one message (chat.postMessage). */
  blocks: 50,
  /** Blocks in one modal view. */
  modalBlocks: 100,
  /** header block: plain_text. */
  headerText: 150,
  /** section block: text. */
  sectionText: 3000,
  /** section block: fields, and each field's text. */
  sectionFields: 10,
  fieldText: 2000,
  /** context block: elements, each element's text. */
  contextElements: 10,
  contextText: 2000,
  /** actions block: elements. */
  actionElements: 25,
  /** button: text, value, action_id. */
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** image block. */
  imageUrl: 3000,
  altText: 2000,
  /** modal view: title, submit and close labels; private_metadata. */
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  /** input block label; plain_text_input max_length; static_select options and their text/value. */
  inputLabel: 2000,
  inputMaxLength: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  /** chat.postMessage top-level text (Slack truncates at 40,000; 4,000 is the advised size). */
  messageText: 4000,
  /** chat.postMessage: about one message per second per channel, short bursts tolerated. */
  perChannelPerSecond: 1,
  /** Signed requests older (or newer) than this are refused as replays. */
  signatureWindowSeconds: 5 * 60,
} as const;

// Feishu's numbers, from the open platform's docs (message send/patch, card JSON 2.0, event
// subscription). Renderers cut to these; the delivery worker paces chats by perChatPerSecond.
export const FEISHU_LIMITS = {
  /** A group takes 5 messages a second from all its bots together, and a card 5 patches a second: keep one in hand. */
  perChatPerSecond: 4,
  /** Card JSON (message content) at most 30 KB (error 230025); stay a little under. */
  cardBytes: 28 * 1024,
  /** Text message request body at most 150 KB. */
  textBytes: 100 * 1024,
  /** Components (anything with a tag) in one card JSON 2.0 (Feishu's card structure doc; kept under). */
  components: 200,
  /** Buttons in one row of a card; more are left out (a card is not a menu). */
  buttonsPerRow: 20,
  /** A card header's title; longer ones are cut by the client anyway. */
  title: 100,
  /** One text element of a card, before the whole card is fitted to cardBytes. */
  elementText: 4000,
  /** Toast content is one short line. */
  toast: 200,
  /** im.v1.message.create `uuid` (idempotency key) length. */
  uuid: 50,
  /** Signed requests older or newer than this are refused (replays). */
  signatureWindowSeconds: 300,
  /** im.v1.image.create: at most 10 MB, and only these types (JPG, PNG, WEBP, GIF, BMP, ICO, TIFF, HEIC). */
  imageBytes: 10 * 1024 * 1024,
  imageTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp', 'image/x-icon', 'image/vnd.microsoft.icon', 'image/tiff', 'image/heic'],
  /** Feishu waits 3 s for an event or callback answer; answer a little before. */
  answerWithinMs: 2500,
} as const;

// How attachments are told apart and sized in words, for cards and refusals alike.

/** "5 MiB", "120 KiB", "830 B": sizes as cards and refusals show them. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}

/** Whether browsers and chat platforms can draw it as a picture. */
export function isPicture(contentType: string): boolean {
  return contentType.startsWith('image/');
}

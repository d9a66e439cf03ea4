// How a stored key is shown after its reveal: prefix, ellipsis, last four.
export function maskedKey(displayPrefix: string, lastFour: string): string {
  return `${displayPrefix}…${lastFour}`;
}

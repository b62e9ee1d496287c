/** A document's text in the seed format: title, paragraphs, then the publication line. */
export function documentText(title: string, paragraphs: string[], published: string): string {
  return [title, ...paragraphs, `Published: ${published}`].join('\n')
}

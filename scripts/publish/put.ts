/**
 * The unit a seed writes: a key, and its value made when it is read. A plan
 * of 100,000 articles holds these, not the texts: each value is made (its
 * record built, its paragraphs read from the file, its JSON written) when the
 * batching measures it and again when a target uploads it, and is not kept.
 * Reading one can fail (a file changed since it was parsed; a dry run, which
 * plans keys without values), so it is a call, not a field.
 */
export type LazyPut = {
  readonly key: string
  /** Makes the value now; each call makes it again. */
  read(): string
  /** The value's size in UTF-8 bytes: made and measured, unless the put knows it without the value. */
  bytes(): number
  /** The document the value is made from, when it is one: what an error about the put names. */
  readonly origin?: string
}

const encoder = new TextEncoder()

export const utf8Length = (text: string): number => encoder.encode(text).length

/** A put whose value is text made on each read. */
export const textPut = (key: string, read: () => string): LazyPut => ({ key, read, bytes: () => utf8Length(read()) })

/** A put whose value is the JSON of a record made on each read. */
export const jsonPut = (key: string, record: () => unknown): LazyPut => textPut(key, () => JSON.stringify(record()))

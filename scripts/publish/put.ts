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
}

const encoder = new TextEncoder()

export const utf8Length = (text: string): number => encoder.encode(text).length

/** A put whose value is the JSON of a record made on each read. */
export function jsonPut(key: string, record: () => unknown): LazyPut {
  const read = () => JSON.stringify(record())
  return { key, read, bytes: () => utf8Length(read()) }
}

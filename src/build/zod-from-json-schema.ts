/**
 * Stands in, in the bundle only, for zod's `fromJSONSchema` (see `[alias]` in
 * wrangler.toml): the Worker never builds a schema from a JSON Schema, and the
 * converter was about 5 KiB of the gzipped Worker, which zod keeps whole
 * wherever `z` is used as a value.
 */
export function fromJSONSchema(): never {
  throw new Error('fromJSONSchema is left out of the Worker bundle')
}

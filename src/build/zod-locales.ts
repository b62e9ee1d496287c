/**
 * Stands in, in the bundle only, for zod's table of translated error messages
 * (see `[alias]` in wrangler.toml). zod registers English by itself, the only
 * language this API answers in; the other languages were a third of the
 * gzipped Worker, which zod keeps whole wherever `z` is used as a value.
 */
export {}

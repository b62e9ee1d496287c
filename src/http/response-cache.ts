/**
 * The isolate's cache of prepared representations, keyed by URL: the reason a
 * hot request costs no KV read, no parsing and no rendering. Least recently used
 * entries go first once the byte budget is spent; every entry expires after its
 * TTL (given when it is stored, else `ttlMs`) so a re-seed shows within the
 * freshness bound, but is kept (until the budget needs its room) to answer when
 * storage fails: RFC 5861's stale-if-error.
 *
 * Once the budget is spent, a new key gets in only when it is asked for the second
 * time (TinyLFU's doorkeeper, Einziger et al., ACM TOS 2017): a crawler walking the
 * archive once then costs the isolate nothing it keeps, instead of flushing the
 * pages readers ask for again and again, and a miss in the long tail (issue 12)
 * keeps nothing that would only be evicted unread.
 * Isolates are evicted at any time, so this is only ever a cache.
 */
import type { Representation } from './representation'

export type ResponseCacheOptions = {
  /** Total bytes held at most. */
  maxBytes?: number
  /** The TTL of an entry stored without one. */
  ttlMs?: number
  now?: () => number
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024
/** With KV's own 30 s cacheTtl, a re-seed shows within 60 s. The Worker's FRESHNESS_SECONDS defaults to it (env.ts). */
export const DEFAULT_TTL_MS = 30_000
/** Keys the doorkeeper remembers at least, however few entries the cache holds. */
const DOORKEEPER_MIN = 256

/** `size` is what the entry was counted at: its representation grows as codings are made (see recount). */
type Entry = { rep: Representation; expires: number; size: number }

export class ResponseCache {
  readonly maxBytes: number
  readonly ttlMs: number
  #now: () => number
  // A Map iterates in insertion order; re-inserting on a hit makes it an LRU.
  #entries = new Map<string, Entry>()
  #bytes = 0
  /** Keys turned away once since the doorkeeper was last emptied: the next time, they get in. */
  #seen = new Set<string>()

  constructor(options: ResponseCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS
    // Date.now looked up on every call, not kept: a test's fake clock must reach the isolate's cache too.
    this.#now = options.now ?? (() => Date.now())
  }

  get bytes(): number {
    return this.#bytes
  }

  get size(): number {
    return this.#entries.size
  }

  /** A fresh representation for the key, if any. */
  get(key: string): Representation | undefined {
    const entry = this.#entries.get(key)
    if (!entry || entry.expires <= this.#now()) return undefined
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return entry.rep
  }

  /** The last representation for the key, fresh or not: for when storage fails. */
  stale(key: string): Representation | undefined {
    return this.#entries.get(key)?.rep
  }

  /**
   * Keeps the representation, fresh for `ttlMs`: the expiry is reckoned here, once,
   * so `get` stays one comparison. With 0 it is never fresh, only kept for `stale`.
   */
  set(key: string, rep: Representation, ttlMs = this.ttlMs): void {
    const size = rep.size + key.length
    if (!this.#entries.has(key) && this.#bytes + size > this.maxBytes && !this.#admitsAgain(key)) return
    this.delete(key)
    if (size > this.maxBytes / 8) return // one huge entry must not flush everything else
    this.#entries.set(key, { rep, expires: this.#now() + ttlMs, size })
    this.#bytes += size
    this.#evict()
  }

  /** Counts an entry again after its representation grew (a coding was made), within the same limits as set. */
  recount(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    const size = entry.rep.size + key.length
    this.#bytes += size - entry.size
    entry.size = size
    if (size > this.maxBytes / 8) this.delete(key)
    else this.#evict()
  }

  /**
   * Whether a key that would push others out is let in: only one turned away before. The
   * doorkeeper remembers about as many keys as the cache holds, then starts again, so a key
   * must come back within about a cache's worth of misses.
   */
  #admitsAgain(key: string): boolean {
    if (this.#seen.delete(key)) return true
    if (this.#seen.size >= Math.max(DOORKEEPER_MIN, this.#entries.size)) this.#seen.clear()
    this.#seen.add(key)
    return false
  }

  /** The least recently used go first, until what is held fits the budget. */
  #evict(): void {
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.delete(oldest)
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#entries.delete(key)
    this.#bytes -= entry.size
  }

  clear(): void {
    this.#entries.clear()
    this.#seen.clear()
    this.#bytes = 0
  }
}

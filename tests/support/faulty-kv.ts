/**
 * The real KV binding with a fault a test switches on and off: reads that
 * throw, never answer, answer with an older value, or answer with a value that
 * does not match its schema. Every other operation, and every read while no
 * fault is on, goes to the real binding untouched.
 */

export type Fault =
  | { kind: 'throws' }
  | { kind: 'hangs' }
  /** Answers from these raw values (a snapshot taken earlier), as KV's eventual consistency may. */
  | { kind: 'stale'; values: ReadonlyMap<string, string> }
  /** Answers the real value with every field of the wrong type, so no schema of a stored shape accepts it. */
  | { kind: 'corrupt' }

type ReadOptions = { type?: string; cacheTtl?: number } | string | undefined

export type FaultyKv = {
  kv: KVNamespace
  /** Reads attempted through `kv`, faulty or not. */
  readonly reads: number
  set(fault: Fault | undefined): void
}

const typeOf = (options: ReadOptions) => (typeof options === 'string' ? options : (options?.type ?? 'text'))

// Not every stored shape has a date (the site image is only its bytes): each field is broken instead.
const wrongType = (field: unknown) => (typeof field === 'string' ? 0 : 'not what was stored')

function corruptJson(value: unknown): unknown {
  return value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([name, field]) => [name, wrongType(field)]))
    : value
}

/**
 * A value read as bytes is an article's (src/shared/article-value.ts): its header line, or
 * the record when it is alone, broken the same way, the rest as it was.
 */
function corruptBytes(value: ArrayBuffer): ArrayBuffer {
  const text = new TextDecoder().decode(value)
  const end = text.indexOf('\n')
  const [json, rest] = end === -1 ? [text, ''] : [text.slice(0, end), text.slice(end)]
  return new TextEncoder().encode(JSON.stringify(corruptJson(JSON.parse(json))) + rest).buffer as ArrayBuffer
}

const corrupt = (value: unknown) => (value instanceof ArrayBuffer ? corruptBytes(value) : corruptJson(value))

/** A raw value as a read of this type returns it. */
function asRead(raw: string, options: ReadOptions): unknown {
  const type = typeOf(options)
  if (type === 'json') return JSON.parse(raw)
  return type === 'arrayBuffer' ? (new TextEncoder().encode(raw).buffer as ArrayBuffer) : raw
}

export function faultyKv(real: KVNamespace): FaultyKv {
  let fault: Fault | undefined
  let reads = 0

  async function readOne(key: string, options: ReadOptions, readReal: () => Promise<unknown>): Promise<unknown> {
    if (fault?.kind === 'stale') {
      const raw = fault.values.get(key) ?? null
      return raw === null ? null : asRead(raw, options)
    }
    const value = await readReal()
    return fault?.kind === 'corrupt' ? corrupt(value) : value
  }

  function get(key: string | string[], options: ReadOptions): Promise<unknown> {
    reads++
    if (fault?.kind === 'throws') return Promise.reject(new Error('KV GET failed: 503 Service Unavailable'))
    if (fault?.kind === 'hangs') return new Promise(() => {})
    if (typeof key === 'string') return readOne(key, options, () => real.get(key, options as never))
    return real.get(key, options as never).then(async (values: Map<string, unknown>) => {
      const answered = new Map<string, unknown>()
      for (const k of key) answered.set(k, await readOne(k, options, async () => values.get(k) ?? null))
      return answered
    })
  }

  const kv = new Proxy(real, {
    get(target, property) {
      if (property === 'get') return get
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return {
    kv,
    get reads() {
      return reads
    },
    set(next) {
      fault = next
    },
  }
}

/**
 * One outbound POST (a WebSub publish ping, an IndexNow submission) that never hurts a publish: a
 * timeout on each try, retries with backoff on 429 and 5xx (honouring Retry-After, RFC 9110 section
 * 10.2.3), and an outcome rather than an exception. The seed (its command line) and the Worker's
 * Cron Trigger send through it alike.
 */

/** A request to one service: where, what and as which media type. */
export type Ping = { service: 'websub' | 'indexnow'; endpoint: string; body: string; type: string }

export type PingOutcome = {
  ping: Ping
  ok: boolean
  /** How many requests were made. */
  tries: number
  /** The last response's status; none when no response came (a timeout, a refused connection). */
  status?: number
  /** Why the last try failed without a status. */
  error?: string
}

export type SendOptions = {
  /** Tries in all (issue 25: 3). */
  tries?: number
  /** Each try's limit (issue 25: 10 s). */
  timeoutMs?: number
  /** The first retry's wait without Retry-After; doubled for each later one. */
  backoffMs?: number
  /** The longest Retry-After honoured; a longer one ends the tries there. */
  maxWaitMs?: number
}

const DEFAULTS: Required<SendOptions> = { tries: 3, timeoutMs: 10_000, backoffMs: 1_000, maxWaitMs: 30_000 }

/** Worth another try (RFC 9110 section 15.6: a server's failure; RFC 6585 section 4: too many requests). */
const retryable = (status: number) => status === 429 || status >= 500

/** Retry-After in ms: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function send(ping: Ping, options: SendOptions = {}): Promise<PingOutcome> {
  const { tries, timeoutMs, backoffMs, maxWaitMs } = { ...DEFAULTS, ...options }
  let outcome: PingOutcome = { ping, ok: false, tries: 0 }
  for (let n = 1; n <= tries; n++) {
    let wait = backoffMs * 2 ** (n - 1)
    try {
      const response = await fetch(ping.endpoint, {
        method: 'POST',
        headers: { 'content-type': ping.type },
        body: ping.body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      // The body is not needed; reading it lets the connection be reused.
      await response.arrayBuffer().catch(() => undefined)
      outcome = { ping, ok: response.ok, tries: n, status: response.status }
      if (response.ok || !retryable(response.status)) return outcome
      const asked = retryAfterMs(response.headers.get('retry-after'))
      if (asked !== undefined) {
        if (asked > maxWaitMs) return outcome
        wait = asked
      }
    } catch (error) {
      outcome = { ping, ok: false, tries: n, error: error instanceof Error ? error.message : String(error) }
    }
    if (n < tries) await sleep(wait)
  }
  return outcome
}

/** A failure as one line: `websub: https://hub.example/ 503 after 3 tries`. */
export function failureLine({ ping, status, error, tries }: PingOutcome): string {
  return `${ping.service}: ${ping.endpoint} ${status ?? error ?? 'failed'} after ${tries} ${tries === 1 ? 'try' : 'tries'}`
}

/**
 * Sends every ping: those to one endpoint one after another (a hub is not sent a burst), the endpoints
 * at once. Once a ping to an endpoint has failed every try, the rest for it are not sent (a hub that is
 * down would otherwise hold the run 30 s a feed): each counts as failed, with no try.
 */
export async function sendAll(pings: readonly Ping[], options?: SendOptions): Promise<PingOutcome[]> {
  const byEndpoint = new Map<string, Ping[]>()
  for (const ping of pings) byEndpoint.set(ping.endpoint, [...(byEndpoint.get(ping.endpoint) ?? []), ping])
  const lanes = await Promise.all(
    [...byEndpoint.values()].map(async (lane) => {
      const outcomes: PingOutcome[] = []
      for (const ping of lane) {
        const down = outcomes.length > 0 && !outcomes[outcomes.length - 1].ok
        outcomes.push(down ? { ping, ok: false, tries: 0, error: 'not sent' } : await send(ping, options))
      }
      return outcomes
    }),
  )
  return lanes.flat()
}

/** One line per endpoint that failed: its first failure, and how many more were not sent. */
export function failureLines(outcomes: readonly PingOutcome[]): string[] {
  const lines = new Map<string, { first: PingOutcome; more: number }>()
  for (const outcome of outcomes) {
    if (outcome.ok) continue
    const seen = lines.get(outcome.ping.endpoint)
    if (seen) seen.more++
    else lines.set(outcome.ping.endpoint, { first: outcome, more: 0 })
  }
  return [...lines.values()].map(({ first, more }) => `${failureLine(first)}${more > 0 ? ` (${more} more not sent)` : ''}`)
}

/** One closed-loop run of the mix with autocannon: what was answered, how fast, and every unexpected answer. */
import autocannon from 'autocannon'
import type { SoakRequest } from './mix'

export type Load = { requests: number; seconds: number; errors: string[]; statuses: Map<number, number>; latenciesMs: number[] }

/** Every connection sends its next request of the mix as soon as the last is answered. */
export async function load(base: URL, mix: SoakRequest[], connections: number, seconds: number): Promise<Load> {
  const statuses = new Map<number, number>()
  const latenciesMs: number[] = []
  const unexpected = new Map<string, number>()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: base.href,
        connections,
        duration: seconds,
        requests: mix.map((request) => ({
          method: 'GET' as const,
          path: request.path,
          headers: request.headers,
          onResponse: (status: number) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1)
            const what = `${request.path} answered ${status}, not ${request.status}`
            if (status !== request.status) unexpected.set(what, (unexpected.get(what) ?? 0) + 1)
          },
        })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    run.on('response', (_client, _status, _bytes, ms) => latenciesMs.push(ms))
  })
  const errors = [...unexpected].map(([what, count]) => `${count}× ${what}`)
  if (result.errors > 0) errors.push(`${result.errors} connection errors`)
  if (result.timeouts > 0) errors.push(`${result.timeouts} timeouts`)
  return { requests: latenciesMs.length, seconds: result.duration, errors, statuses, latenciesMs }
}

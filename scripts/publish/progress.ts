/**
 * Feedback for long runs: a bar per phase on a terminal; elsewhere (CI, pipes)
 * one plain line when each phase ends.
 */
export type Phase = { tick(done: number, total: number): void; end(note?: string): void }

export function phase(name: string, unit: string, stream: NodeJS.WriteStream = process.stderr, quiet = false): Phase {
  const started = performance.now()
  let last = 0
  let count = 0
  const rate = () => Math.round(count / Math.max((performance.now() - started) / 1000, 0.001))
  return {
    tick(done, total) {
      count = done
      if (quiet || !stream.isTTY) return
      const now = performance.now()
      if (done !== total && now - last < 100) return
      last = now
      const width = 30
      const filled = Math.round((done / Math.max(total, 1)) * width)
      stream.write(`\r${name.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate()}/s `)
    },
    end(note = '') {
      if (quiet) return
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      if (stream.isTTY) stream.write('\n')
      stream.write(`${name}: ${count} ${unit} in ${seconds} s (${rate()}/s)${note ? `, ${note}` : ''}\n`)
    },
  }
}

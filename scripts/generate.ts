/**
 * npm run generate -- --count N --out DIR [--seed S]
 *
 * Writes a synthetic corpus of N valid documents in the seed format: 4–10
 * paragraphs of 40–100 words, dates spread over years. The same seed always
 * writes the same files, and a smaller count writes a prefix of a larger one.
 */
import { parseArgs } from 'node:util'
import { phase } from './publish/progress'
import { writeCorpus } from './corpus/write-corpus'

const USAGE = 'usage: npm run generate -- --count N --out DIR [--seed S]   (N a whole number from 1)'

function options(): { count: number; out: string; seed: string } | undefined {
  try {
    const { values } = parseArgs({
      options: { count: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } },
    })
    const count = Number(values.count)
    if (!values.out || !Number.isSafeInteger(count) || count < 1) return undefined
    return { count, out: values.out, seed: values.seed }
  } catch {
    return undefined // an unknown option or a missing value: the usage says it all
  }
}

async function main(): Promise<number> {
  const values = options()
  if (!values) {
    console.error(USAGE)
    return 2
  }
  const writing = phase('generate', 'documents')
  await writeCorpus({ ...values, onProgress: writing.tick })
  writing.end(`seed ${values.seed}, in ${values.out}`)
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)

/**
 * npm run generate -- --count N --out DIR [--seed S]
 *
 * Writes a synthetic corpus of N valid documents in the seed format: 4–10
 * paragraphs of 40–100 words, dates spread over years, bylines, topics, some
 * summaries and updates (scripts/corpus/newsroom.ts). The same seed always
 * writes the same files, and a smaller count writes a prefix of a larger one.
 */
import { parseCommandLine, runCommand, UsageError } from './cli/command-line'
import { writeCorpus } from './corpus/write-corpus'
import { phase } from './publish/progress'

const COMMAND = {
  name: 'generate',
  usage: 'npm run generate -- --count N --out DIR [--seed S]',
  about: [
    'Writes N valid documents in the seed format into DIR: 4–10 paragraphs of 40–100 words, dates spread',
    'over years, filed as a newsroom files them: By:, Topics:, and on some Summary: and Updated: lines.',
    'The same seed always writes the same files; a smaller count writes a prefix of a larger one.',
  ].join('\n'),
  options: {
    count: { type: 'string', value: 'N', help: 'how many documents, a whole number from 1 (required)' },
    out: { type: 'string', value: 'DIR', help: 'the folder to write them into (required)' },
    seed: { type: 'string', value: 'S', default: '1', help: "the generator's seed" },
  },
} as const

async function main(): Promise<number> {
  const { count: countText, out, seed } = parseCommandLine(COMMAND)
  const count = Number(countText)
  if (!out || !Number.isSafeInteger(count) || count < 1)
    throw new UsageError('--count N (a whole number from 1) and --out DIR are required')
  const writing = phase('generate', 'documents')
  await writeCorpus({ count, out, seed, onProgress: writing.tick })
  writing.end(`seed ${seed}, in ${out}`)
  return 0
}

runCommand(COMMAND.name, main)

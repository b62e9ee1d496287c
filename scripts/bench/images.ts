/**
 * npm run bench -- images [--count N] [--seed S]
 *
 * What link-preview images cost: renders one for each of N generated documents
 * (the corpus `npm run generate` writes) on every core, and prints the wall
 * time, the time per image per core, and the images' mean and largest size.
 * The wall time includes starting the threads and loading their fonts.
 */
import { availableParallelism } from 'node:os'
import { parseCommandLine, positiveOption, runCommand } from '../cli/command-line'
import { generateDocument, seedHash } from '../corpus/corpus'
import { parseDocument } from '../publish/document/parse'
import { renderPreviewImages } from '../publish/images/preview-images'

const COMMAND = {
  name: 'bench images',
  usage: 'npm run bench -- images [options]',
  about: 'Renders a preview image for each of N generated documents on every core; prints time and size.',
  options: {
    count: { type: 'string', value: 'N', default: '1000', help: 'how many documents, a whole number from 1' },
    seed: { type: 'string', value: 'S', default: 'images', help: "the generator's seed" },
  },
} as const

const SITE = { name: 'Edge Articles', description: 'News from the edge.' }

async function main(): Promise<number> {
  const { count: countText, seed } = parseCommandLine(COMMAND)
  const count = positiveOption('count', countText)
  const inputs = []
  for (let i = 0; i < count; i++) {
    const { fileName, text } = generateDocument(seedHash(seed), i)
    const parsed = await parseDocument(fileName, new TextEncoder().encode(text))
    if (!parsed.ok) throw new Error(`${fileName}: ${parsed.reason}`)
    inputs.push({ title: parsed.document.title, date: parsed.document.published_at })
  }

  const cores = availableParallelism()
  const started = performance.now()
  const sizes: number[] = []
  for await (const png of renderPreviewImages(inputs, SITE)) sizes.push(png.byteLength)
  const wall = performance.now() - started

  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`
  console.log('| images | cores | wall time | ms per image per core | mean size | largest |')
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |')
  console.log(
    `| ${count.toLocaleString('en')} | ${cores} | ${(wall / 1000).toFixed(2)} s | ${((wall * cores) / count).toFixed(1)} ms | ${kb(
      sizes.reduce((a, b) => a + b, 0) / count,
    )} | ${kb(Math.max(...sizes))} |`,
  )
  return 0
}

runCommand(COMMAND.name, main)

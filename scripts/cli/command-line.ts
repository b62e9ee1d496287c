/**
 * What the command lines share: options declared once, with their help, for
 * node:util's parseArgs in strict mode; `--help` prints the usage and every
 * option with its default, and exits 0; a usage error (an unknown option, a
 * missing or bad value) is one line and exit code 2; any other failure one
 * line, never a stack trace, and exit code 1.
 */
import { parseArgs } from 'node:util'

export type OptionSpec = { help: string; short?: string } & (
  | {
      type: 'string'
      default?: string
      /** The value's name in the help, e.g. DIR. */
      value: string
    }
  | { type: 'boolean'; default?: boolean }
)

export type CommandSpec<O extends Record<string, OptionSpec>> = {
  /** The command's name, which starts every error line: "seed". */
  name: string
  /** e.g. "npm run seed -- [options]" */
  usage: string
  /** What the command does, in a few lines. */
  about: string
  options: O
}

export type Values<O extends Record<string, OptionSpec>> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values']

/** A bad command line, found after parsing (a value out of range): exit code 2, like an unknown option. */
export class UsageError extends Error {}

/** An option's value as a whole number from 1, or a UsageError naming the option. */
export function positiveOption(name: string, text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number from 1, not "${text}"`)
  return n
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'print this help and exit' }

function helpText(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value}` : ''}`
    const fallback = option.type === 'string' && option.default !== undefined ? ` (default: ${option.default})` : ''
    return [flag, `${option.help}${fallback}`]
  })
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2
  const lines = rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`)
  return [`usage: ${spec.usage}`, '', spec.about, '', 'options:', ...lines].join('\n')
}

function usageError(name: string, message: string): never {
  console.error(`${name}: ${message} (see --help)`)
  process.exit(2)
}

/** The parsed options; prints the help and exits 0 for `--help`, exits 2 on a usage error. */
export function parseCommandLine<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): Values<O> {
  let parsed: { values: Record<string, unknown> }
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { ...spec.options, help: HELP }, strict: true, allowPositionals: false })
  } catch (error) {
    usageError(spec.name, error instanceof Error ? error.message : String(error))
  }
  if (parsed.values.help) {
    console.log(helpText(spec))
    process.exit(0)
  }
  delete parsed.values.help
  return parsed.values as Values<O>
}

/** Runs a command's main: its exit code, a UsageError as one line and 2, any other failure as one line and 1. */
export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) usageError(name, error.message)
      // fetch's own message is only "fetch failed"; the reason is its cause.
      const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}${cause}`)
      process.exit(1)
    },
  )
}

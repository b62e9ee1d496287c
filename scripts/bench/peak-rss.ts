/**
 * Loaded into a child the scale benchmark runs (`node --import …/peak-rss.ts`): at exit, writes the
 * process's peak resident set size in KiB (getrusage's ru_maxrss, worker threads included) to the
 * file PEAK_RSS_FILE names, so the benchmark reads the child's own high-water mark.
 */
import { writeFileSync } from 'node:fs'

const file = process.env.PEAK_RSS_FILE
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))

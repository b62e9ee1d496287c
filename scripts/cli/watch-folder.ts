/**
 * Runs a task when the documents of a folder change: `fs.watch`, debounced so
 * an editor's burst of events for one save (write, rename, attributes) makes
 * one run; never two runs at once: changes during a run queue one more after it.
 */
import { watch } from 'node:fs'

/** Long enough to take in one save's events, short against the 2 s an edit may take to show. */
export const DEBOUNCE_MS = 150

export type FolderWatch = {
  /** Stops watching; resolves once a run under way has finished. */
  close(): Promise<void>
}

/** Watches `dir` (not its subfolders: the seed reads only its own `.txt` files); a task's failure, or the watcher's, goes to `onError`. */
export function onFolderChange(dir: string, task: () => Promise<void>, onError: (error: unknown) => void): FolderWatch {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false

  const run = () => {
    if (running) {
      again = true
      return
    }
    running = task()
      .catch(onError)
      .finally(() => {
        running = undefined
        if (again) {
          again = false
          run()
        }
      })
  }

  const watcher = watch(dir, (_, name) => {
    // Only documents count: an editor's swap and backup files (.a.txt.swp, a.txt~) do not.
    if (name !== null && !name.endsWith('.txt')) return
    clearTimeout(timer)
    timer = setTimeout(run, DEBOUNCE_MS)
  })
  watcher.on('error', onError)

  return {
    async close() {
      watcher.close()
      clearTimeout(timer)
      again = false
      await running
    },
  }
}

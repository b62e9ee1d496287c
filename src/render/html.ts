/** JSX to a complete HTML document string. */
import type { JSX } from 'hono/jsx/jsx-runtime'

export async function renderDocument(page: JSX.Element): Promise<string> {
  return `<!DOCTYPE html>${await page.toString()}`
}

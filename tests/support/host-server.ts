/**
 * Another origin: a plain Node server on its own 127.0.0.1 port that serves
 * the HTML pages a test gives it, like a publisher's site embedding our cards.
 */
import { createServer } from 'node:http'

export type HostServer = { url: string; stop(): Promise<void> }

export async function startHostServer(pages: Record<string, string>): Promise<HostServer> {
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url ?? '/', 'http://host').pathname]
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(page ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections() // the browser keeps connections alive
      }),
  }
}

/**
 * Requests straight into the Worker's default export, in this isolate: the
 * entry SELF reaches, without the loopback hop. Tests that send thousands of
 * requests use it (each SELF.fetch in a file is slower than the one before),
 * and tests that wrap a binding pass their own bindings.
 */
import { createExecutionContext, env } from 'cloudflare:test'
import worker from '../../src/index'

export async function callWorker(request: Request, bindings: Env = env): Promise<Response> {
  return worker.fetch(request as Parameters<typeof worker.fetch>[0], bindings, createExecutionContext())
}

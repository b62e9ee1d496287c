/**
 * The hot handler alone, in workerd: one request to the counting build runs
 * our Worker's fetch, or the limit's answer, many times over for one path,
 * with no network, parsing or sending around it. The CPU workerd spends on
 * that request, divided by the calls, is what each handler costs per request;
 * the difference is all our code adds on the hot path. Runs in workerd.
 *
 *   ?path=P&calls=0               prepare our answer afresh (a cold request), so a loop after it runs hot
 *   ?path=P&calls=N&worker=W      up to N calls of ours or the limit's answer, W = ours | limit;
 *                                 answers {"calls": n}, fewer for a large body (see MAX_LOOP_BYTES)
 *
 * The request's If-None-Match and Accept-Encoding are passed on to the calls.
 */
import { isolateCache } from '../../src/http/serve'
import { addAnswer, limitAnswer, noAnswers } from './limit-answer'

/**
 * Body bytes one loop may copy: each call makes a Response, and the copies are
 * freed only when the isolate next collects garbage, so a 250 KB feed answered
 * 20,000 times over would hold gigabytes.
 */
const MAX_LOOP_BYTES = 100 * 1024 * 1024
const MIN_CALLS = 1000

type Handler = { fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> }

export async function handlerLoop(worker: Handler, request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const params = new URL(request.url).searchParams
  const path = params.get('path') ?? '/'
  const calls = Number(params.get('calls'))
  const passed = ['if-none-match', 'accept-encoding'].flatMap((name) => {
    const value = request.headers.get(name)
    return value === null ? [] : [[name, value] as [string, string]]
  })
  const target = new Request(new URL(path, request.url), { headers: passed })
  const conditional = target.headers.has('if-none-match')
  const acceptEncoding = target.headers.get('accept-encoding')
  if (calls === 0) {
    // Apart from the loop, so rendering is not counted, and a fresh TTL outlasts the loop.
    isolateCache.delete(target.url)
    await (await worker.fetch(target, env, ctx)).arrayBuffer()
    return new Response(null, { status: 204 })
  }
  const ours = worker.fetch(target, env, ctx)
  if (!(ours instanceof Response)) return new Response('prepare the answer first (calls=0)', { status: 409 })
  const answers = noAnswers()
  addAnswer(answers, path, conditional, acceptEncoding, {
    status: ours.status,
    headers: new Headers(ours.headers),
    body: new Uint8Array(await ours.arrayBuffer()),
  })
  const call = params.get('worker') === 'limit' ? () => limitAnswer(answers, target) : () => worker.fetch(target, env, ctx)
  const bodyBytes = [...answers.values()][0]?.body?.byteLength ?? 0
  const made = Math.min(calls, Math.max(MIN_CALLS, Math.floor(MAX_LOOP_BYTES / Math.max(bodyBytes, 1))))
  // A hot answer is a Response at once; a promise means a cold call crept in and the figure would be wrong.
  let cold = 0
  for (let left = made; left > 0; left--) if (!(call() instanceof Response)) cold++
  if (cold > 0) return new Response(`${cold} of ${made} calls were not answered from the isolate cache`, { status: 500 })
  return Response.json({ calls: made })
}

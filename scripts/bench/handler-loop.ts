/**
 * The hot handler alone, in workerd: one request to the counting build runs
 * our Worker's fetch, or the limit's answer, many times over for one path,
 * with no network, parsing or sending around it. The CPU workerd spends on it,
 * divided by the calls, is what each handler costs per request; the
 * difference is all our code adds on the hot path. Runs in workerd.
 */
import { addAnswer, limitAnswer, noAnswers } from './limit-answer'

type Handler = { fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> }

export async function handlerLoop(worker: Handler, request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const params = new URL(request.url).searchParams
  const path = params.get('path') ?? '/'
  const ifNoneMatch = request.headers.get('if-none-match')
  const target = new Request(new URL(path, request.url), { headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} })
  // Our answer, prepared now so that every call in the loop is hot; the limit repeats it.
  const first = await worker.fetch(target, env, ctx)
  const answers = noAnswers()
  addAnswer(answers, path, ifNoneMatch !== null, { status: first.status, headers: [...first.headers], body: new Uint8Array(await first.arrayBuffer()) })
  const call = params.get('worker') === 'limit' ? () => limitAnswer(answers, target) : () => worker.fetch(target, env, ctx)
  for (let calls = Number(params.get('calls')); calls > 0; calls--) call()
  return new Response(null, { status: 204 })
}

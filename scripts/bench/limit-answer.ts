/**
 * How the limit answers: our recorded answer for the request's path, chosen by
 * whether If-None-Match is present and by the Accept-Encoding sent, wrapped in
 * a Response whose bytes go out as they are (a gzip answer stays the same gzip
 * bytes); nothing else, so it is the least work any Worker can do to send
 * those bytes. Shared by the limit Worker and the counting build's handler
 * loop. Runs in workerd.
 */
import { fromBase64 } from '../../src/shared/hash'

/** `headers` as a `Headers`, made once: a Response copies one in a few µs, and takes far longer to make one from pairs. */
export type Answer = { status: number; headers: Headers; body: Uint8Array | null }

/** By request: its path, whether it is conditional, and its Accept-Encoding (see answerKey). */
export type Answers = Map<string, Answer>

/** An answer as recorded in Node and handed to the limit Worker as a JSON binding: the body in base64. */
export type EncodedAnswer = {
  path: string
  conditional: boolean
  acceptEncoding: string | null
  status: number
  headers: Array<[string, string]>
  body: string
}

const answerKey = (path: string, conditional: boolean, acceptEncoding: string | null) =>
  `${conditional ? '?' : ''}${acceptEncoding ?? ''} ${path}`

export const noAnswers = (): Answers => new Map()

export function addAnswer(answers: Answers, path: string, conditional: boolean, acceptEncoding: string | null, answer: Answer): void {
  answers.set(answerKey(path, conditional, acceptEncoding), { ...answer, body: answer.body?.byteLength ? answer.body : null })
}

export function decodeAnswers(encoded: readonly EncodedAnswer[]): Answers {
  const answers = noAnswers()
  for (const { path, conditional, acceptEncoding, status, headers, body } of encoded) {
    const bytes = fromBase64(body)
    addAnswer(answers, path, conditional, acceptEncoding, { status, headers: new Headers(headers), body: bytes })
  }
  return answers
}

export function limitAnswer(answers: Answers, request: Request): Response {
  const path = request.url.slice(request.url.indexOf('/', 8))
  const { headers } = request
  const answer = answers.get(answerKey(path, headers.has('if-none-match'), headers.get('accept-encoding')))
  if (!answer) return new Response('not recorded', { status: 404 })
  return new Response(answer.body, { status: answer.status, headers: answer.headers, encodeBody: 'manual' })
}

/**
 * How the limit answers: our recorded answer for the request's path, chosen by
 * whether If-None-Match is present, wrapped in a Response; nothing else, so it
 * is the least work any Worker can do to send those bytes. Shared by the limit
 * Worker and the counting build's handler loop. Runs in workerd.
 */

export type Answer = { status: number; headers: Array<[string, string]>; body: Uint8Array | null }

export type Answers = { plain: Map<string, Answer>; conditional: Map<string, Answer> }

/** An answer as recorded in Node and handed to the limit Worker as a JSON binding: the body in base64. */
export type EncodedAnswer = { path: string; conditional: boolean; status: number; headers: Array<[string, string]>; body: string }

export const noAnswers = (): Answers => ({ plain: new Map(), conditional: new Map() })

export function addAnswer(answers: Answers, path: string, conditional: boolean, answer: Answer): void {
  answers[conditional ? 'conditional' : 'plain'].set(path, { ...answer, body: answer.body?.byteLength ? answer.body : null })
}

export function decodeAnswers(encoded: readonly EncodedAnswer[]): Answers {
  const answers = noAnswers()
  for (const { path, conditional, status, headers, body } of encoded) {
    addAnswer(answers, path, conditional, { status, headers, body: Uint8Array.from(atob(body), (c) => c.charCodeAt(0)) })
  }
  return answers
}

export function limitAnswer(answers: Answers, request: Request): Response {
  const path = request.url.slice(request.url.indexOf('/', 8))
  const answer = (request.headers.has('if-none-match') ? answers.conditional : answers.plain).get(path)
  if (!answer) return new Response('not recorded', { status: 404 })
  return new Response(answer.body, { status: answer.status, headers: answer.headers })
}

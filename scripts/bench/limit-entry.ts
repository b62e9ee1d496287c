/**
 * The runtime's limit: a Worker that answers each benchmarked request with a
 * constant copy of our own answer (see limit-answer.ts). The answers arrive as
 * the ANSWERS binding and are decoded once, on the first request.
 */
import { decodeAnswers, limitAnswer, type Answers, type EncodedAnswer } from './limit-answer'

let answers: Answers | undefined

export default {
  fetch(request, env) {
    answers ??= decodeAnswers(env.ANSWERS)
    return limitAnswer(answers, request)
  },
} satisfies ExportedHandler<{ ANSWERS: EncodedAnswer[] }>

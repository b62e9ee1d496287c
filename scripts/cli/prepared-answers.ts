/**
 * The article answers a seed prepares (issue 12, the long tail), made by the
 * Worker's own renderers (src/render/article-answers.tsx) for the site the
 * Worker will serve. A Worker whose site is another (another origin, other
 * settings) finds another fingerprint and renders instead: a mismatch costs
 * speed, never correctness.
 */
import type { Site } from '../../src/env'
import { answersFingerprint, articleHtmlText, articleJsonText } from '../../src/render/article-answers'
import type { AnswerSource } from '../publish/plan'

export const answersFor = async (site: Site): Promise<AnswerSource> => ({
  fingerprint: await answersFingerprint(site),
  json: (article) => articleJsonText(site, article),
  html: (article) => articleHtmlText(site, article),
})

/**
 * The benchmark's seeder: takes parsed documents and seeds them into its KV
 * binding with the seed command's own planner and batching, as the workerd
 * tests do, inside the benchmark's own workerd (whose store it then serves).
 * Bundled only by the benchmark.
 */
import { siteFor } from '../../src/env'
import type { Document } from '../../src/shared/records'
import { answersFor } from '../cli/prepared-answers'
import { seed } from '../publish/seed-run'
import { bindingTarget } from '../publish/target'

export default {
  async fetch(request, env) {
    const documents = (await request.json()) as Document[]
    // Answers prepared for the site at `?site=` (an origin: SITE_URL is empty here), as `npm start`'s seed prepares them.
    const origin = new URL(request.url).searchParams.get('site')
    const answers = origin ? await answersFor(siteFor(env, origin)) : undefined
    const { summary } = await seed(documents, bindingTarget(env.ARTICLES), { answers })
    return Response.json(summary)
  },
} satisfies ExportedHandler<Env>

/**
 * The benchmark's seeder: takes parsed documents and seeds them into its KV
 * binding with the seed command's own planner and batching, as the workerd
 * tests do, inside the benchmark's own workerd (whose store it then serves).
 * Bundled only by the benchmark.
 */
import type { Document } from '../../src/shared/records'
import { seed } from '../publish/seed-run'
import { bindingTarget } from '../publish/target'

export default {
  async fetch(request, env) {
    const documents = (await request.json()) as Document[]
    const { summary } = await seed(documents, bindingTarget(env.ARTICLES))
    return Response.json(summary)
  },
} satisfies ExportedHandler<Env>

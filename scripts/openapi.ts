/**
 * npm run openapi [-- --check]
 *
 * Writes src/openapi.json, the OpenAPI 3.1 description /openapi.json serves, from
 * the API's own zod schemas (src/api-schema.ts, by their ids) and the route
 * table's paths and query parameters. Made here rather than in the Worker: the
 * libraries that turn routes into a description were a tenth of the gzipped
 * bundle. With --check it writes nothing and fails when the file is out of date
 * (`npm run check` runs it), so the description never drifts from the schemas.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { ArticleListSchema, ArticleSchema, FacetListSchema, HealthSchema, ProblemSchema, SearchResultsSchema } from '../src/api-schema'
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH } from '../src/search/params'
import { ROUTES } from '../src/routes/table'
import { parseCommandLine, runCommand } from './cli/command-line'

const COMMAND = {
  name: 'openapi',
  usage: 'npm run openapi -- [options]',
  about: 'Writes src/openapi.json from the API schemas and the route table.',
  options: { check: { type: 'boolean', help: 'write nothing; fail if src/openapi.json is out of date' } },
} as const

const FILE = 'src/openapi.json'

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${z.globalRegistry.get(schema)?.id}` })
const content = (type: string, schema: z.ZodType) => ({ [type]: { schema: ref(schema) } })
const problem = (description: string) => ({ description, content: content('application/problem+json', ProblemSchema) })

/** The list's query parameters, each described; the table says which there are. */
const LIST_PARAMETERS: Record<(typeof ROUTES.articles.query)[number], object> = {
  limit: { description: 'Items per page, 1–100 (default 20).', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  cursor: { description: 'The `next_cursor` of the previous page.', schema: { type: 'string' } },
  topic: { description: "Only a topic's articles: its slug (`/api/topics` lists them).", schema: { type: 'string' } },
  author: {
    description: "Only an author's articles: their slug (`/api/authors` lists them). Not with `topic`.",
    schema: { type: 'string' },
  },
}

/** The facet directories' query parameters (issue 24). */
const FACET_PARAMETERS: Record<(typeof ROUTES.apiTopics.query)[number], object> = {
  limit: { description: 'Items per page, 1–100 (default 100).', schema: { type: 'integer', minimum: 1, maximum: 100, default: 100 } },
  cursor: { description: 'The `next_cursor` of the previous page.', schema: { type: 'string' } },
}

/** A directory of topics or of authors. */
const facetDirectory = (route: typeof ROUTES.apiTopics | typeof ROUTES.apiAuthors, what: string) => ({
  get: {
    summary: `Every ${what}, A–Z by slug, with how many articles are out`,
    description: `Scheduled articles count from their time; a ${what} with none out is not listed.`,
    parameters: route.query.map((name) => ({ name, in: 'query', required: false, ...FACET_PARAMETERS[name] })),
    responses: {
      200: { description: `A page of ${what}s`, content: content('application/json', FacetListSchema) },
      400: problem('A bad limit or cursor'),
    },
  },
})

/** The search's query parameters, each described; the table says which there are. */
const SEARCH_PARAMETERS: Record<(typeof ROUTES.search.query)[number], object> = {
  q: {
    required: true,
    description:
      'The words to find, all of which must match; "quoted words" match as a phrase; the last word also matches the longer words it begins. Case and accents fold.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH },
  },
  limit: {
    description: `Results per page, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  },
  cursor: { description: 'The `next_cursor` of the previous page.', schema: { type: 'string' } },
  sort: {
    description: 'By relevance (ties newest first), or newest first.',
    schema: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' },
  },
}

/** `:slug` as OpenAPI writes a path parameter, `{slug}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

export function openApiDocument(): object {
  // Every schema with an id, each a component, referring to the others by $ref.
  const { schemas } = z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` })
  for (const schema of Object.values(schemas)) delete (schema as { $schema?: string }).$schema
  return {
    openapi: '3.1.0',
    info: { title: 'Articles API', version: '1.0.0', description: 'Read-only JSON API of the published articles.' },
    paths: {
      [openApiPath(ROUTES.articles.path)]: {
        get: {
          summary: 'The articles, newest first',
          description:
            'Pages by position, not by offset: following `next_cursor` while articles are added, edited and deleted returns every article that exists throughout exactly once, in order. A page may hold fewer than `limit` items (even none) and still have a `next_cursor`; the list ends where `next_cursor` is null.',
          parameters: ROUTES.articles.query.map((name) => ({ name, in: 'query', required: false, ...LIST_PARAMETERS[name] })),
          responses: {
            200: { description: 'A page of articles', content: content('application/json', ArticleListSchema) },
            400: problem('A bad limit or cursor, or both topic and author'),
            404: problem('No such topic or author'),
          },
        },
      },
      [ROUTES.apiTopics.path]: facetDirectory(ROUTES.apiTopics, 'topic'),
      [ROUTES.apiAuthors.path]: facetDirectory(ROUTES.apiAuthors, 'author'),
      [openApiPath(ROUTES.articleJson.path)]: {
        get: {
          summary: 'One article in full',
          parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' }, example: 'pyongyang-opens-museum' }],
          responses: {
            200: { description: 'The article', content: content('application/json', ArticleSchema) },
            404: problem('No such article'),
          },
        },
      },
      [ROUTES.search.path]: {
        get: {
          summary: 'Search the articles',
          description:
            'BM25 over titles (boosted) and bodies. When no article matches every word, the best partial matches, with `partial` true; `cut` says the query was cut to the work allowed (ten words; the oldest matches of very common words).',
          parameters: ROUTES.search.query.map((name) => ({ name, in: 'query', required: false, ...SEARCH_PARAMETERS[name] })),
          responses: {
            200: { description: 'A page of results', content: content('application/json', SearchResultsSchema) },
            400: problem('An empty, too long or malformed query, or a bad limit, cursor or sort'),
          },
        },
      },
      [ROUTES.health.path]: {
        get: {
          summary: 'Liveness, the number of articles out and the data version; never cached',
          responses: { 200: { description: 'The store as it is', content: content('application/json', HealthSchema) } },
        },
      },
    },
    components: { schemas },
  }
}

async function main(): Promise<number> {
  const { check } = parseCommandLine(COMMAND)
  const text = `${JSON.stringify(openApiDocument(), null, 2)}\n`
  if (!check) {
    writeFileSync(FILE, text)
    return 0
  }
  if (readFileSync(FILE, 'utf8') === text) return 0
  console.error(`openapi: ${FILE} is out of date with the API's schemas; run npm run openapi`)
  return 1
}

runCommand(COMMAND.name, main)

/**
 * /openapi.json, from the running Worker, is a valid OpenAPI 3.1 document by
 * a maintained validator, describes both API routes with the Article,
 * ArticleList and Problem schemas, and the API's real answers match it. The
 * store is empty: the description does not depend on it, and a seed costs time.
 */
import { compileErrors, validate } from '@readme/openapi-parser'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ArticleListSchema, FacetListSchema, ArticleSchema, ProblemSchema } from '../src/api-schema'
import { startWorkerServer, type WorkerServer } from './support/worker-server'

type Schema = { properties?: Record<string, unknown>; required?: string[] }
type Operation = { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }
type OpenApiDocument = {
  openapi: string
  servers: Array<{ url: string }>
  paths: Record<string, { get?: Operation }>
  components: { schemas: Record<string, Schema> }
}

let worker: WorkerServer
/** The body as served; each validation gets its own parse, as the validator dereferences in place. */
let served: string
let document: OpenApiDocument

beforeAll(async () => {
  worker = await startWorkerServer()
  served = await (await fetch(`${worker.url}/openapi.json`)).text()
  document = JSON.parse(served) as OpenApiDocument
})

afterAll(async () => {
  await worker?.stop()
})

const ref = (name: string) => `#/components/schemas/${name}`

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    const result = await validate(JSON.parse(served))
    expect(result.valid ? '' : compileErrors(result)).toBe('')
    // The validator is live: it refuses the same document without its info object.
    expect((await validate({ ...JSON.parse(served), info: undefined })).valid).toBe(false)
    expect(document.servers).toEqual([{ url: worker.url }])
  })

  it('describes the routes with the Article, ArticleList, FacetList and Problem schemas', () => {
    const responses = (path: string) =>
      Object.fromEntries(
        Object.entries(document.paths[path]?.get?.responses ?? {}).map(([status, response]) => [
          status,
          Object.fromEntries(Object.entries(response.content).map(([type, media]) => [type, media.schema.$ref])),
        ]),
      )
    expect(responses('/api/articles')).toEqual({
      200: { 'application/json': ref('ArticleList') },
      400: { 'application/problem+json': ref('Problem') },
      404: { 'application/problem+json': ref('Problem') },
    })
    for (const path of ['/api/topics', '/api/authors'])
      expect(responses(path)).toEqual({
        200: { 'application/json': ref('FacetList') },
        400: { 'application/problem+json': ref('Problem') },
      })
    expect(responses('/api/articles/{slug}')).toEqual({
      200: { 'application/json': ref('Article') },
      404: { 'application/problem+json': ref('Problem') },
    })
    // The described fields are the zod schemas' fields: one source of truth.
    const { schemas } = document.components
    expect(Object.keys(schemas.Article.properties!).sort()).toEqual(Object.keys(ArticleSchema.shape).sort())
    expect(Object.keys(schemas.ArticleList.properties!).sort()).toEqual(Object.keys(ArticleListSchema.shape).sort())
    expect(Object.keys(schemas.Problem.properties!).sort()).toEqual(Object.keys(ProblemSchema.shape).sort())
    expect(Object.keys(schemas.FacetList.properties!).sort()).toEqual(Object.keys(FacetListSchema.shape).sort())
  })

  it("matches the API's real answers", async () => {
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; OpenAPI's own keywords (example) are not, hence not strict.
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats(ajv)
    const schemaOf = (name: string) => ajv.compile({ $ref: ref(name), components: document.components })
    const answers: Array<[path: string, status: number, type: string, schema: string]> = [
      ['/api/articles', 200, 'application/json', 'ArticleList'],
      ['/api/articles/no-such-article', 404, 'application/problem+json', 'Problem'],
      ['/api/articles?limit=0', 400, 'application/problem+json', 'Problem'],
    ]
    for (const [path, status, type, schema] of answers) {
      const response = await fetch(`${worker.url}${path}`)
      expect(response.status, path).toBe(status)
      expect(response.headers.get('content-type')?.split(';')[0], path).toBe(type)
      const check = schemaOf(schema)
      expect(check(await response.json()) ? [] : check.errors, path).toEqual([])
    }
  })
})

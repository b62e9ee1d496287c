/**
 * Hostile requests through the Worker's real entry: generated paths, query
 * strings, headers and methods (broken percent-encoding, NUL bytes, 10 KB
 * slugs, `..`, repeated parameters, garbage validators, unknown methods).
 * Whatever arrives, the answer is never a 5xx, never input turned into markup,
 * and always a body well-formed for its content type; every method but GET,
 * HEAD and OPTIONS is 405, and no request body is ever read.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALLOW } from '../src/app'
import { slugify } from '../scripts/publish/document/slug'
import { isolateCache } from '../src/http/serve'
import { TABLE } from '../src/routes/table'
import { HEAD_SEAL_AT } from '../src/shared/keys'
import { datedDocument, datedDocuments, HOSTILE_TITLE } from './support/documents'
import { callWorker } from './support/entry'
import { hostileText } from './support/hostile-input'
import { parseHtml } from './support/html'
import { ORIGIN } from './support/http'
import { probeTraces, skeleton } from './support/markup'
import { everySlug, pathOf } from './support/routes'
import { seedDocuments } from './support/seed'
import { bodyProblems, decodedBody } from './support/well-formed'

/** Generated requests for the answer properties; the body property takes a fifth. */
const RUNS = 2000

// The hostile title among the oldest, which a sealed page (/archive/1) lists; the requests name the first four.
const named = [...datedDocuments(3), datedDocument(3, { title: HOSTILE_TITLE })]
const documents = [...named, ...datedDocuments(HEAD_SEAL_AT - named.length + 1, named.length)]
const slugs = named.map((doc) => slugify(doc.title))
const LONG = 10 * 1024

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS']
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE']
// Methods workerd lets a request carry (it refuses other tokens before any Worker runs); lowercase ones are not normalised.
const OTHER_METHODS = [
  'TRACE',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'PURGE',
  'QUERY',
  'SEARCH',
  'REPORT',
  'patch',
  'propfind',
  'purge',
]
// 301: an old `/?page=N` address sent on to the page that now holds its articles.
const ANSWERED_STATUSES = { read: [200, 301, 304, 400, 404], options: [204] }

// Every route of the table (src/routes/table.ts): bare where it takes a slug, and at each seeded article's
// (a facet's routes too: this corpus files nothing under a topic or an author, so they answer 404).
const ROUTES = [...new Set(TABLE.flatMap((route) => ['', ...slugs].map((slug) => pathOf(route, everySlug(slug)))))]
// Every parameter a route reads, and two names that are special to JavaScript objects.
const PARAMETERS = [...new Set(TABLE.flatMap((route) => route.query ?? [])), '__proto__', 'constructor']

/** Skeletons of every HTML page a harmless request gets; a hostile one must get one of these. */
const harmlessSkeletons = new Set<string>()
/** The seeded resources' ETags and Last-Modified dates, for conditional requests that match. */
const validators: string[] = []

/**
 * A page's shape: its skeleton without the `<mark>`s a search puts round the words it matched (how
 * many a result has varies, none included; markup echoed from a query is caught by the probes
 * below), and with a run of list items of one shape written once, so a search page with more or
 * fewer results has the shape of the harmless searches'. Markup from the input still changes it.
 */
const skeletonKey = (html: string) =>
  skeleton(parseHtml(html))
    .filter((tag) => tag !== 'mark[]')
    .join(' ')
    .replace(/(li\[[^\]]*\](?: (?!li\[)\S+)*)(?: \1)+(?= |$)/g, '$1')

beforeAll(async () => {
  await seedDocuments(documents)
  const harmless = [
    '/',
    '/archive/1',
    '/no-such-page',
    '/?page=x',
    // The directories of topics and authors (issue 24), empty for this corpus.
    '/topics',
    '/authors',
    // The search page: the form alone (with and without a q), results, a later page of them, and the
    // last (a link back, none on).
    '/search',
    '/search?q=',
    '/search?q=article',
    '/search?q=article&cursor=10',
    `/search?q=article&cursor=${documents.length - 1}`,
    // None found, only some of the words found, and one page of one result and of a few.
    '/search?q=zqxjv',
    '/search?q=article%20zqxjv',
    '/search?q=article%20number%200',
    '/search?q=1',
    ...slugs.flatMap((slug) => [`/articles/${slug}`, `/embed/${slug}`, `/embed/${slug}?theme=dark`]),
  ]
  for (const path of harmless) harmlessSkeletons.add(skeletonKey(await (await callWorker(new Request(`${ORIGIN}${path}`))).text()))
  for (const path of ROUTES) {
    const response = await callWorker(new Request(`${ORIGIN}${path}`))
    await response.arrayBuffer()
    for (const name of ['etag', 'last-modified']) validators.push(response.headers.get(name) ?? '')
  }
  isolateCache.clear()
})
afterAll(() => isolateCache.clear())

// Header values must be bytes without NUL, CR or LF; beyond ASCII, workerd re-encodes them, so stay within it.
const headerText = fc.string({ unit: fc.integer({ min: 0x01, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 60 })
const garbageHeaderValue = () =>
  fc
    .oneof(
      headerText,
      fc.constantFrom(...validators.filter(Boolean)),
      fc.constantFrom(
        '*',
        '""',
        'W/"x"',
        '"x", W/',
        'W/',
        'Thu, 01 Jan 1970 00:00:00 GMT',
        'Fri, 31 Dec 9999 23:59:59 GMT',
        'Mon, 32 Foo 99999 99:99:99 GMT',
      ),
      fc.constantFrom(
        'bytes=0-0',
        'bytes=-1',
        'bytes=5-1,0-',
        'bytes=0-99999999999999999999',
        'items=0-1',
        'text/html;q=2',
        '*/*;q=nan',
        'application/xml, */*',
      ),
      fc.constant('x'.repeat(LONG)),
    )
    .map((value) => value.replace(/[\r\n]/g, '').trim())

const headers = () =>
  fc.dictionary(
    fc.constantFrom(
      'if-none-match',
      'if-modified-since',
      'if-match',
      'if-unmodified-since',
      'if-range',
      'range',
      'accept',
      'accept-encoding',
      'accept-language',
      'origin',
      'access-control-request-method',
      'access-control-request-headers',
      'cookie',
      'referer',
    ),
    garbageHeaderValue(),
    { maxKeys: 6 },
  )

const segment = fc.oneof(
  { arbitrary: hostileText(5), weight: 9 },
  { arbitrary: fc.constantFrom('a', '%', '<', '.').map((ch) => ch.repeat(LONG)), weight: 1 },
)

/** A route, half the time with hostile segments after it, never encoded: the URL parser sees them raw. */
const path = fc
  .tuple(fc.constantFrom(...ROUTES), fc.oneof(fc.constant([]), fc.array(segment, { minLength: 1, maxLength: 3 })))
  .map(([route, rest]) => [route, ...rest].join(route.endsWith('/') ? '' : '/'))

const parameterValue = fc.oneof(
  hostileText(4),
  fc.constantFrom(
    '1',
    '2',
    '0',
    '-1',
    '100',
    '101',
    '1e3',
    'json',
    'xml',
    'dark',
    'light',
    `${ORIGIN}/articles/${slugs[0]}`,
    encodeURIComponent(`${ORIGIN}/articles/${slugs[0]}`),
  ),
  fc.constant('9'.repeat(LONG)),
)

/** Parameters as written, repeats and all; values are not encoded either. */
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMETERS), hostileText(2)), parameterValue), { maxLength: 6 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([name, value]) => `${name}=${value}`).join('&')}` : ''))

const method = fc.oneof(
  { arbitrary: fc.constant('GET'), weight: 6 },
  { arbitrary: fc.constantFrom(...READ_METHODS), weight: 3 },
  { arbitrary: fc.constantFrom(...WRITE_METHODS), weight: 2 },
  { arbitrary: fc.constantFrom(...OTHER_METHODS), weight: 1 },
)

const hostileRequest = () => fc.record({ method, url: fc.tuple(path, query).map(([p, q]) => `${ORIGIN}${p}${q}`), headers: headers() })

type HostileRequest = { method: string; url: string; headers: Record<string, string> }

/** Everything wrong with the answer to `request`; an empty list when nothing is. */
async function answerProblems(request: HostileRequest, response: Response): Promise<string[]> {
  const problems: string[] = []
  const body = new Uint8Array(await response.arrayBuffer())
  const verb = request.method.toUpperCase()
  if (response.status >= 500) problems.push(`status ${response.status}`)
  if (!READ_METHODS.includes(request.method)) {
    if (response.status !== 405 || response.headers.get('allow') !== ALLOW)
      problems.push(`${request.method} answered ${response.status}, allow ${response.headers.get('allow')}`)
  } else if (!(verb === 'OPTIONS' ? ANSWERED_STATUSES.options : ANSWERED_STATUSES.read).includes(response.status)) {
    problems.push(`unexpected status ${response.status}`)
  }
  if (response.status === 301) {
    // Never an open redirect: only somewhere on this site.
    const location = response.headers.get('location') ?? ''
    if (!location.startsWith(`${ORIGIN}/`)) problems.push(`a redirect to ${location}`)
    return body.byteLength === 0 ? problems : [...problems, 'a 301 with a body']
  }
  const bodiless = verb === 'HEAD' || response.status === 204 || response.status === 304
  if (bodiless) return body.byteLength === 0 ? problems : [...problems, `a ${response.status} to ${verb} with a body`]
  if (response.headers.get('x-content-type-options') !== 'nosniff') problems.push('a body without nosniff')
  const contentType = response.headers.get('content-type')
  // A request that accepts a coding may get the body in it: the checks read what the client reads.
  let decoded: Uint8Array
  try {
    decoded = await decodedBody(body, response.headers.get('content-encoding'))
  } catch (error) {
    return [...problems, `a body that does not decode: ${error}`]
  }
  problems.push(...bodyProblems(contentType, decoded))
  if (contentType?.startsWith('text/html')) {
    const html = new TextDecoder().decode(decoded)
    problems.push(...probeTraces(parseHtml(html), html))
    if (!harmlessSkeletons.has(skeletonKey(html))) problems.push('an HTML page whose elements no harmless request gets')
  }
  return problems
}

describe('hostile requests', () => {
  it(`never answer 5xx, never echo markup, and always send a well-formed body (${RUNS} requests)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileRequest(), async (request) => {
        const response = await callWorker(new Request(request.url, { method: request.method, headers: request.headers }))
        expect(await answerProblems(request, response)).toEqual([])
      }),
      { numRuns: RUNS },
    )
  }, 120_000)

  it(`never read a request body (${RUNS / 5} requests with bodies)`, async () => {
    const withBody = fc.record({
      method: fc.constantFrom('OPTIONS', ...WRITE_METHODS, ...OTHER_METHODS),
      url: hostileRequest().map((r) => r.url),
    })
    await fc.assert(
      fc.asyncProperty(withBody, async ({ method, url }) => {
        let pulls = 0
        // highWaterMark 0: nothing is pulled until someone reads.
        const body = new ReadableStream(
          {
            pull(controller) {
              pulls++
              controller.enqueue(new Uint8Array(1))
              controller.close()
            },
          },
          { highWaterMark: 0 },
        )
        const request = new Request(url, { method, body, duplex: 'half' } as RequestInit)
        const response = await callWorker(request)
        await response.arrayBuffer()
        expect({ status: response.status, pulls, bodyUsed: request.bodyUsed }).toEqual({
          status: method === 'OPTIONS' ? 204 : 405,
          pulls: 0,
          bodyUsed: false,
        })
      }),
      { numRuns: RUNS / 5 },
    )
  }, 60_000)
})

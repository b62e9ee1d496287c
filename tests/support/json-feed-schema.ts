/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a JSON Schema
 * (draft 2020-12), written from the spec's field list. Keys the spec does not
 * define are refused unless they are extensions (a leading underscore), so a
 * misspelt field fails instead of being silently ignored by readers.
 */
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const uri = { type: 'string', format: 'uri' } as const
const text = { type: 'string' } as const
const extensions = { patternProperties: { '^_': {} }, additionalProperties: false } as const

const author = {
  type: 'object',
  properties: { name: text, url: uri, avatar: uri },
  // "at least one of these must be present"
  anyOf: [{ required: ['name'] }, { required: ['url'] }, { required: ['avatar'] }],
  ...extensions,
} as const

const attachment = {
  type: 'object',
  required: ['url', 'mime_type'],
  properties: { url: uri, mime_type: text, title: text, size_in_bytes: { type: 'number' }, duration_in_seconds: { type: 'number' } },
  ...extensions,
} as const

const item = {
  type: 'object',
  required: ['id'],
  properties: {
    id: text,
    url: uri,
    external_url: uri,
    title: text,
    content_html: text,
    content_text: text,
    summary: text,
    image: uri,
    banner_image: uri,
    date_published: { type: 'string', format: 'date-time' },
    date_modified: { type: 'string', format: 'date-time' },
    authors: { type: 'array', items: author },
    tags: { type: 'array', items: text },
    language: text,
    attachments: { type: 'array', items: attachment },
  },
  // "content_html and content_text are each optional strings — but one or both must be present"
  anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
  ...extensions,
} as const

const JSON_FEED_1_1_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: text,
    home_page_url: uri,
    feed_url: uri,
    description: text,
    user_comment: text,
    next_url: uri,
    icon: uri,
    favicon: uri,
    authors: { type: 'array', items: author },
    language: text,
    expired: { type: 'boolean' },
    hubs: { type: 'array', items: { type: 'object', required: ['type', 'url'], properties: { type: text, url: uri } } },
    items: { type: 'array', items: item },
  },
  ...extensions,
} as const

/** A validator of the schema: true for a valid JSON Feed 1.1, else false with its errors. */
export function jsonFeedValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }) // anyOf's `required` names properties the parent declares
  addFormats(ajv)
  return ajv.compile(JSON_FEED_1_1_SCHEMA)
}

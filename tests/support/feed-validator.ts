/**
 * The W3C Feed Validator's rules (github.com/w3c/feedvalidator, src/feedvalidator/)
 * for the elements our RSS and Atom feeds write, as a checker tests can run:
 * the validator is Python and not on npm. Each problem carries the name of
 * the validator's message (its logging.py class) and where it was found.
 * Stricter than the validator where porting it exactly would take its whole
 * HTML parser: an `&` in HTML must start a complete character reference.
 */
import { parseFragment } from 'parse5'
import { type Node, textOf } from './html'
import { parseXmlInOrder, type XmlElement, xmlProblem } from './xml'

export type FeedProblem = { message: string; element: string; value?: string }

// validators.py, HTMLValidator.htmltags and .acceptable_elements (what "NotHtml" and "SecurityRisk" compare with).
const HTML_TAGS = new Set(
  'a abbr acronym address applet area article aside audio b base basefont bdi bdo big blockquote body br button canvas caption center cite code col colgroup command data datagrid datalist dd del details dfn dialog dir div dl dt em eventsource fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins isindex kbd label legend li link m main mark map menu meta meter nav noframes noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section select slot small source span strike strong style sub summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var xmp plaintext embed comment listing video wbr'.split(
    ' ',
  ),
)
const SAFE_TAGS = new Set(
  'a abbr acronym address area article aside audio b bdi big blockquote br button canvas caption center cite code col colgroup command data datagrid datalist dd del details dfn dialog dir div dl dt em eventsource fieldset figcaption figure footer font form header h1 h2 h3 h4 h5 h6 hgroup hr i img input ins keygen kbd label legend li m main map mark menu meter multicol nav nextid ol output optgroup option p picture pre progress q rp rt ruby s samp section select small sound source spacer span strike strong sub summary sup table tbody td template textarea time tfoot th thead tr track tt u ul var video noscript wbr'.split(
    ' ',
  ),
)

/** RFC 822 as RSS 2.0 and validators.py's rfc2822 class take it, with a four-digit year. */
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/
/** RFC 3339 date-time (validators.py, rfc3339). */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
/** validators.py, iso639: a language code, then subtags. */
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i
const MIME = /^[a-z0-9!#$&.+^_-]+\/[a-z0-9!#$&.+^_-]+$/i
const POSITIVE_INTEGER = /^[1-9]\d*$/
const DAY_MS = 86_400_000
// media.py, media_content: the medium attribute's values.
const MEDIA = new Set(['image', 'audio', 'video', 'document', 'executable'])
// validators.py, nonhtml: an HTML end tag or entity in text that is not declared HTML.
const END_TAG = /<\/(\w+)>/g
const ENTITY = /&(#?\w+)/g

const childrenNamed = (element: XmlElement, name: string) => element.children.filter((child) => child.name === name)
const child = (element: XmlElement, name: string) => childrenNamed(element, name)[0]

/** Whether `&name;` is a character reference HTML knows, as a browser decodes it. */
const isKnownEntity = (name: string) => textOf(parseFragment(`&${name};`)) !== `&${name};`

/** validators.py, nonhtml.validate: text readers may take for HTML (ContainsHTML, or in Atom ContainsUndeclaredHTML). */
function looksLikeHtml(text: string): string | undefined {
  for (const [, tag] of text.matchAll(END_TAG)) if (HTML_TAGS.has(tag.toLowerCase())) return `</${tag}>`
  for (const [, name] of text.matchAll(ENTITY)) if (!/^[a-z]+$/i.test(name) || isKnownEntity(name)) return `&${name};`
  return undefined
}

/** validators.py, HTMLValidator: HTML that is not HTML, or that could run script or restyle the reader. */
function htmlProblems(html: string, element: string): FeedProblem[] {
  const problems: FeedProblem[] = []
  // An `&` that starts no complete reference: html5lib's "Named entity expected" and kin (NotHtml).
  for (const [amp] of html.matchAll(/&(?!(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);)[^;\s]{0,12}/gi))
    problems.push({ message: 'NotHtml', element, value: amp })
  for (const [, name] of html.matchAll(/&([a-z][a-z0-9]*);/gi))
    if (!isKnownEntity(name)) problems.push({ message: 'NotHtml', element, value: `&${name};` })
  const visit = (node: Node) => {
    if ('tagName' in node) {
      const tag = node.tagName.toLowerCase()
      if (!HTML_TAGS.has(tag)) problems.push({ message: 'NotHtml', element, value: tag })
      else if (!SAFE_TAGS.has(tag)) problems.push({ message: 'SecurityRisk', element, value: tag })
      for (const attr of node.attrs) {
        if (attr.name.toLowerCase().startsWith('on')) problems.push({ message: 'SecurityRiskAttr', element, value: attr.name })
        if (attr.name.toLowerCase() === 'style') problems.push({ message: 'DangerousStyleAttr', element, value: attr.value })
      }
    }
    if ('childNodes' in node) node.childNodes.forEach(visit)
  }
  parseFragment(html, { onParseError: (error) => problems.push({ message: 'NotHtml', element, value: error.code }) }).childNodes.forEach(
    visit,
  )
  return problems
}

/** validators.py, rfc2396_full: an absolute URL with a scheme and, for http(s), a host. */
function isFullUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'tag:' || (/^https?:$/.test(url.protocol) && url.host !== '' && !/\s/.test(value))
  } catch {
    return false
  }
}

class Checker {
  readonly problems: FeedProblem[] = []
  report(message: string, element: string, value?: string) {
    this.problems.push({ message, element, ...(value === undefined ? {} : { value }) })
  }
  required(parent: XmlElement, name: string): XmlElement | undefined {
    const found = child(parent, name)
    if (!found) this.report('MissingElement', `${parent.name}/${name}`)
    return found
  }
  once(parent: XmlElement, name: string) {
    if (childrenNamed(parent, name).length > 1) this.report('DuplicateElement', `${parent.name}/${name}`)
  }
  fullUrl(value: string | undefined, element: string) {
    if (value === undefined) this.report('MissingAttribute', element)
    else if (!isFullUrl(value)) this.report('InvalidFullLink', element, value)
  }
  date(element: XmlElement | undefined, pattern: RegExp, message: string) {
    if (!element) return
    const at = Date.parse(element.text)
    if (!pattern.test(element.text) || Number.isNaN(at)) this.report(message, element.name, element.text)
    // validators.py, implausible_822 and implausible_8601: before 1990, or more than a day ahead.
    else if (at < Date.UTC(1990, 0, 1) || at > Date.now() + DAY_MS) this.report('ImplausibleDate', element.name, element.text)
  }
  plainText(element: XmlElement | undefined, message: string) {
    const html = element && looksLikeHtml(element.text)
    if (element && html) this.report(message, element.name, html)
  }
  /**
   * validators.py, nonhtml.validate, "experimental RSS-Profile support": plain
   * RSS text holding `&#`, `</` or `<a` (CharacterData, a kind of ContainsHTML),
   * where ContainsHTML was not reported. The validator lets it pass on source
   * lines that use hexadecimal references; our XML writer writes none.
   */
  rssText(element: XmlElement | undefined) {
    if (!element) return
    const html = looksLikeHtml(element.text)
    if (html) this.report('ContainsHTML', element.name, html)
    else if (/&#[x0-9]|<[/a-zA-Z]/.test(element.text)) this.report('CharacterData', element.name, element.text)
  }
  html(element: XmlElement | undefined) {
    if (element) this.problems.push(...htmlProblems(element.text, element.name))
  }
  /** media.py: media:content and media:thumbnail. */
  media(element: XmlElement) {
    for (const content of childrenNamed(element, 'media:content')) {
      this.fullUrl(content.attributes.url, 'media:content@url')
      if (content.attributes.type !== undefined && !MIME.test(content.attributes.type))
        this.report('InvalidMIMEAttribute', 'media:content', content.attributes.type)
      if (content.attributes.medium !== undefined && !MEDIA.has(content.attributes.medium))
        this.report('InvalidMediaMedium', 'media:content', content.attributes.medium)
      this.dimensions(content)
    }
    for (const thumbnail of childrenNamed(element, 'media:thumbnail')) {
      this.fullUrl(thumbnail.attributes.url, 'media:thumbnail@url')
      this.dimensions(thumbnail)
    }
  }
  dimensions(element: XmlElement) {
    for (const name of ['width', 'height'])
      if (element.attributes[name] !== undefined && !POSITIVE_INTEGER.test(element.attributes[name]))
        this.report('InvalidPositiveInteger', `${element.name}@${name}`, element.attributes[name])
  }
}

// link.py, link.validRelations: the IANA registry as the validator knows it ('hub' for WebSub).
const LINK_RELATIONS = new Set(
  'alternate current describedby edit edit-media enclosure first hub last license next next-archive payment prev-archive previous related replies search self service up via'.split(
    ' ',
  ),
)
const IANA_RELATION = 'http://www.iana.org/assignments/relation/'
// link.py: a self link names a feed.
const FEED_TYPES = ['application/atom+xml', 'application/rss+xml', 'application/rdf+xml']

/** link.py: an atom:link, in Atom or in an RSS channel. */
function checkLink(link: XmlElement, check: Checker) {
  const rel = (link.attributes.rel ?? 'alternate').replace(IANA_RELATION, '')
  if (!rel.trim()) check.report('AttrNotBlank', 'link@rel')
  else if (!LINK_RELATIONS.has(rel) && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(rel)) check.report('UnregisteredAtomLinkRel', 'link@rel', rel)
  const type = link.attributes.type
  if (type !== undefined) {
    if (!MIME.test(type.split(';')[0])) check.report('InvalidMIMEType', 'link@type', type)
    else if (rel === 'self' && !FEED_TYPES.includes(type.split(';')[0])) check.report('SelfNotAtom', 'link@type', type)
  }
  if (link.attributes.href === undefined) check.report('MissingHref', 'link@href')
  else check.fullUrl(link.attributes.href, 'link@href')
  if (link.text.trim() || link.children.length > 0) check.report('AtomLinkNotEmpty', 'link')
}

/** rss.py, channel.py, item.py: RSS 2.0 with the extensions we write. */
function checkRss(rss: XmlElement, check: Checker) {
  if (rss.attributes.version !== '2.0') check.report('InvalidRSSVersion', 'rss', rss.attributes.version)
  const channel = check.required(rss, 'channel')
  if (!channel) return
  for (const name of ['title', 'link', 'description']) check.once(channel, name)
  check.rssText(check.required(channel, 'title'))
  check.fullUrl(check.required(channel, 'link')?.text, 'channel/link')
  check.required(channel, 'description')
  const language = child(channel, 'language')
  if (language && !LANGUAGE.test(language.text)) check.report('InvalidLanguage', 'language', language.text)
  check.date(child(channel, 'lastBuildDate'), RFC_822, 'InvalidRFC2822Date')
  const links = childrenNamed(channel, 'atom:link')
  if (!links.some((link) => link.attributes.rel === 'self')) check.report('MissingAtomSelfLink', 'channel')
  for (const link of links) checkLink(link, check)
  const guids = new Set<string>()
  for (const item of childrenNamed(channel, 'item')) {
    if (!child(item, 'title') && !child(item, 'description')) check.report('ItemMustContainTitleOrDescription', 'item')
    for (const name of ['title', 'link', 'guid', 'pubDate', 'description']) check.once(item, name)
    check.rssText(child(item, 'title'))
    const link = child(item, 'link')
    if (link) check.fullUrl(link.text, 'item/link')
    const guid = child(item, 'guid')
    if (guid) {
      if (!['true', 'false', undefined].includes(guid.attributes.isPermaLink))
        check.report('InvalidBooleanAttribute', 'guid', guid.attributes.isPermaLink)
      if (guids.has(guid.text)) check.report('DuplicateValue', 'guid', guid.text)
      guids.add(guid.text)
    }
    check.date(child(item, 'pubDate'), RFC_822, 'InvalidRFC2822Date')
    check.html(child(item, 'description'))
    check.html(child(item, 'content:encoded'))
    // item.py, do_author and do_dc_creator: one or the other.
    if (child(item, 'author') && child(item, 'dc:creator')) check.report('DuplicateItemSemantics', 'item')
    for (const creator of childrenNamed(item, 'dc:creator')) if (!creator.text.trim()) check.report('NotBlank', 'dc:creator')
    check.media(item)
  }
}

/** An Atom Text construct (RFC 4287 section 3.1; validators.py, content.py): HTML where it says so, else no markup. */
function checkTextConstruct(element: XmlElement | undefined, check: Checker) {
  if (!element) return
  const type = element.attributes.type ?? 'text'
  if (type === 'html') check.html(element)
  else if (type === 'text') check.plainText(element, 'ContainsUndeclaredHTML')
  else check.report('InvalidTextType', element.name, type)
}

/** author.py: an Atom Person construct. */
function checkPerson(person: XmlElement, check: Checker) {
  const name = check.required(person, 'name')
  if (name && !name.text.trim()) check.report('NotBlank', 'author/name')
  const uri = child(person, 'uri')
  if (uri) check.fullUrl(uri.text, 'author/uri')
}

/** feed.py, entry.py, link.py: Atom 1.0 (RFC 4287). */
function checkAtom(feed: XmlElement, check: Checker) {
  if (feed.attributes['xml:lang'] !== undefined && !LANGUAGE.test(feed.attributes['xml:lang']))
    check.report('InvalidLanguage', 'feed@xml:lang')
  for (const name of ['id', 'title', 'updated']) check.once(feed, name)
  check.fullUrl(check.required(feed, 'id')?.text, 'feed/id')
  checkTextConstruct(check.required(feed, 'title'), check)
  checkTextConstruct(child(feed, 'subtitle'), check)
  check.date(check.required(feed, 'updated'), RFC_3339, 'InvalidRFC3339Date')
  if (!childrenNamed(feed, 'link').some((link) => link.attributes.rel === 'self')) check.report('MissingSelf', 'feed')
  for (const link of childrenNamed(feed, 'link')) checkLink(link, check)
  for (const author of childrenNamed(feed, 'author')) checkPerson(author, check)
  const entries = childrenNamed(feed, 'entry')
  // feed.py: a feed without an author needs one on every entry (RFC 4287 section 4.1.1).
  if (!child(feed, 'author') && entries.some((entry) => !child(entry, 'author'))) check.report('MissingAuthor', 'feed')
  const ids = new Set<string>()
  const updated = new Set<string>()
  for (const entry of entries) {
    for (const name of ['id', 'title', 'updated', 'published', 'summary', 'content']) check.once(entry, name)
    const id = check.required(entry, 'id')
    if (id) {
      check.fullUrl(id.text, 'entry/id')
      if (ids.has(id.text)) check.report('DuplicateIds', 'entry/id', id.text)
      ids.add(id.text)
    }
    checkTextConstruct(check.required(entry, 'title'), check)
    checkTextConstruct(child(entry, 'summary'), check)
    check.html(child(entry, 'content'))
    const stamp = check.required(entry, 'updated')
    check.date(stamp, RFC_3339, 'InvalidRFC3339Date')
    // entry.py: unique('updated', ...), compared as text.
    if (stamp && updated.has(stamp.text)) check.report('DuplicateUpdated', 'entry/updated', stamp.text)
    if (stamp) updated.add(stamp.text)
    check.date(child(entry, 'published'), RFC_3339, 'InvalidRFC3339Date')
    const links = childrenNamed(entry, 'link')
    if (!links.some((link) => (link.attributes.rel ?? 'alternate') === 'alternate') && !child(entry, 'content'))
      check.report('MissingAlternateLink', 'entry')
    const alternates = links
      .filter((link) => (link.attributes.rel ?? 'alternate') === 'alternate')
      .map((link) => `${link.attributes.type}|${link.attributes.hreflang}`)
    if (new Set(alternates).size < alternates.length) check.report('DuplicateAtomLink', 'entry/link')
    for (const link of links) checkLink(link, check)
    for (const author of childrenNamed(entry, 'author')) checkPerson(author, check)
    check.media(entry)
  }
}

/** What the W3C Feed Validator's rules find wrong with an RSS 2.0 or Atom 1.0 document; [] when nothing. */
export function feedProblems(xml: string): FeedProblem[] {
  const notXml = xmlProblem(xml)
  if (notXml) return [{ message: 'SAXError', element: 'document', value: notXml }]
  const check = new Checker()
  const root = parseXmlInOrder(xml)
  if (root?.name === 'rss') checkRss(root, check)
  else if (root?.name === 'feed' && root.attributes.xmlns === 'http://www.w3.org/2005/Atom') checkAtom(root, check)
  else check.report('UnknownFeedType', root?.name ?? 'document')
  return check.problems
}

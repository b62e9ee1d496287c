/** The page shell: metadata, feed autodiscovery, a small inline stylesheet, no script. */
import type { Child } from 'hono/jsx'
import type { Site } from '../env'
import { FEEDS, ROUTES } from '../routes/table'
import { MAX_QUERY_LENGTH } from '../search/params'
import { openSearchUrl, searchUrl } from './search-urls'
import { ICON_SIZE } from './site-mark'
import { Link, Meta } from './head-elements'
import { faviconUrl, type FeedChannel, feedLinkType, siteChannel } from './urls'

/** The pages' only styles; its hash is in the Content-Security-Policy. */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#5b5b66;--link:#0b57d0;--rule:#d9d9e0}
@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#131316;--muted:#a6a6b3;--link:#8ab4f8;--rule:#33333b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
a{color:var(--link)}
.wrap{max-width:42rem;margin:0 auto;padding:1rem 1.25rem}
header.site{border-bottom:1px solid var(--rule)}
header.site a{color:var(--fg);font-weight:700;text-decoration:none}
header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
form.search{display:flex;gap:.25rem}
form.search input{font:inherit;min-width:0;width:12rem}
h1{font-size:1.9rem;line-height:1.2;margin:1.5rem 0 .5rem}
h2{font-size:1.25rem;line-height:1.3;margin:0 0 .25rem}
.meta,.byline,footer{color:var(--muted);font-size:.9rem}
.byline{margin:.25rem 0}
ul.topics{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem .75rem;font-size:.9rem}
ol.articles{list-style:none;padding:0}
ol.articles li{padding:1rem 0;border-bottom:1px solid var(--rule)}
nav.pages{display:flex;justify-content:space-between;padding:1rem 0}
footer{border-top:1px solid var(--rule);margin-top:2rem}
`

export type LayoutProps = {
  site: Site
  title: string
  description?: string
  canonical?: string
  head?: Child
  /** The search form's text: the query a results page shows. */
  q?: string
  /** Whose feeds the page links (autodiscovery and footer): the site's unless a facet's (issue 24). */
  channel?: FeedChannel
  children: Child
}

export function Layout({ site, title, description, canonical, head, q, channel = siteChannel(site), children }: LayoutProps) {
  return (
    <html lang={site.language}>
      <head>
        <Meta charset="utf-8" />
        <Meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {/* The mark the Worker draws (site-mark.ts): an ICO holding one 32×32 PNG. */}
        <Link rel="icon" href={faviconUrl(site)} sizes={`${ICON_SIZE}x${ICON_SIZE}`} type={ROUTES.favicon.type} />
        {description ? <Meta name="description" content={description} /> : null}
        {canonical ? <Link rel="canonical" href={canonical} /> : null}
        {FEEDS.map((feed) => (
          <Link rel="alternate" type={feedLinkType(feed)} title={`${channel.title} (${feed.label})`} href={channel.feedUrl(feed)} />
        ))}
        <Link rel="search" type="application/opensearchdescription+xml" title={site.name} href={openSearchUrl(site)} />
        {head}
        {/* Raw, not escaped: CSS is not text, and the CSP hash covers these exact bytes. */}
        <style dangerouslySetInnerHTML={{ __html: PAGE_STYLE }} />
      </head>
      <body>
        <header class="site">
          <div class="wrap">
            <a href={`${site.url}/`}>{site.name}</a>
            {/* A plain GET form: it works without JavaScript, and its answer has an address. */}
            <search>
              <form class="search" action={searchUrl(site)} method="get">
                <input type="search" name="q" value={q} aria-label="Search the articles" maxlength={MAX_QUERY_LENGTH} required />
                <button type="submit">Search</button>
              </form>
            </search>
          </div>
        </header>
        <main class="wrap">{children}</main>
        <footer>
          <nav class="wrap" aria-label="Feeds">
            {FEEDS.map((feed, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <a href={channel.feedUrl(feed)}>{feed.label}</a>
              </>
            ))}
          </nav>
        </footer>
      </body>
    </html>
  )
}

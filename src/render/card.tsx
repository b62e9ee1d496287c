/**
 * The embeddable article card: self-contained (inline CSS, no requests),
 * readable from 280 to 640 px, light, dark or following the reader's scheme.
 * Its one script reports the card's height to the host page (see embed-script.ts).
 */
import type { Site } from '../env'
import type { StoredArticle } from '../shared/records'
import { Byline } from './byline'
import { bylineOf } from './bylines'
import { humanDate } from './dates'
import { articleUrl } from './urls'
import { Link, Meta } from './head-elements'

export const THEMES = ['auto', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

const LIGHT = '--fg:#1d1d1f;--bg:#fff;--muted:#5b5b66;--link:#0b57d0;--rule:#d9d9e0'
const DARK = '--fg:#ececf1;--bg:#1b1b1f;--muted:#a6a6b3;--link:#8ab4f8;--rule:#3a3a44'

/** The card's only styles; its hash is in the card's Content-Security-Policy. */
export const CARD_STYLE = `
:root{${LIGHT};color-scheme:light}
@media (prefers-color-scheme:dark){:root.auto{${DARK};color-scheme:dark}}
:root.dark{${DARK};color-scheme:dark}
*{box-sizing:border-box}
html,body{margin:0;background:transparent}
body{color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
.card{background:var(--bg);border:1px solid var(--rule);border-radius:10px;padding:14px 16px;max-width:640px}
.site{margin:0;color:var(--muted);font-size:13px;line-height:18px}
h1{margin:4px 0 2px;font-size:19px;line-height:25px;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
h1 a{color:var(--fg);text-decoration:none}
h1 a:hover,h1 a:focus{text-decoration:underline}
.meta,.byline{margin:0 0 6px;color:var(--muted);font-size:13px;line-height:18px}
.byline{margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.summary{margin:0 0 8px;line-height:22px;display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
.more{margin:0;font-size:14px;line-height:20px}
a{color:var(--link)}
`

/** Posts the card's height to the embedding page, with the secret the host put in our URL fragment. */
export const CARD_SCRIPT =
  '(function(){function s(){var m=location.hash.match(/secret=([0-9a-f]{16,64})/);return m&&m[1]}' +
  "function p(){var k=s();if(!k||parent===window)return;parent.postMessage({type:'article-embed:height',secret:k," +
  "height:Math.ceil(document.documentElement.getBoundingClientRect().height)},'*')}" +
  "addEventListener('load',p);addEventListener('resize',p);addEventListener('hashchange',p);" +
  'if(window.ResizeObserver)new ResizeObserver(p).observe(document.body)})()'

export function Card({ site, article, theme }: { site: Site; article: StoredArticle; theme: Theme }) {
  const url = articleUrl(site, article.slug)
  return (
    <html lang={site.language} class={theme}>
      <head>
        <Meta charset="utf-8" />
        <Meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta name="robots" content="noindex" />
        <title>{article.title}</title>
        <Link rel="canonical" href={url} />
        <style dangerouslySetInnerHTML={{ __html: CARD_STYLE }} />
      </head>
      <body>
        <article class="card">
          <p class="site">{site.name}</p>
          <h1>
            <a href={url} target="_blank" rel="noopener">
              {article.title}
            </a>
          </h1>
          <Byline site={site} authors={article.authors} />
          <p class="meta">
            <time datetime={article.published_at}>{humanDate(article.published_at)}</time>
          </p>
          <p class="summary">{article.summary}</p>
          <p class="more">
            <a href={url} target="_blank" rel="noopener">
              Read the full article on {site.name}
            </a>
          </p>
        </article>
        <script dangerouslySetInnerHTML={{ __html: CARD_SCRIPT }} />
      </body>
    </html>
  )
}

/**
 * The card's height at a width, from its fixed line heights and line clamps,
 * so an oEmbed iframe fits before any script runs. Characters per line are
 * estimated from average glyph widths of system sans-serif fonts.
 */
export function estimateCardHeight(site: Site, article: StoredArticle, width: number): number {
  const inner = Math.max(width - 2 - 32, 100)
  const lines = (text: string, px: number, max: number) =>
    Math.min(max, Math.max(1, Math.ceil([...text].length / Math.floor(inner / (px * 0.52)))))
  const border = 2
  const padding = 28
  const siteName = 18
  const title = 4 + 2 + lines(article.title, 19, 3) * 25
  // The byline is one line, cut with an ellipsis.
  const meta = 18 + 6 + (bylineOf(site, article.authors).length > 0 ? 18 : 0)
  const summary = lines(article.summary, 15, 4) * 22 + 8
  const more = 20
  return border + padding + siteName + title + meta + summary + more
}

/** An article as a page. */
import type { Site } from '../env'
import type { StoredArticle } from '../shared/records'
import { humanDate } from './dates'
import { ArticleMeta } from './article-meta'
import { Layout } from './layout'
import { articleUrl } from './urls'

export function ArticlePage({ site, article }: { site: Site; article: StoredArticle }) {
  return (
    <Layout
      site={site}
      title={`${article.title} – ${site.name}`}
      description={article.summary}
      canonical={articleUrl(site, article.slug)}
      head={<ArticleMeta site={site} article={article} />}
    >
      <article>
        <header>
          <h1>{article.title}</h1>
          <p class="meta">
            <time datetime={article.published_at}>{humanDate(article.published_at)}</time> · {article.reading_time_minutes} min read
          </p>
        </header>
        {article.paragraphs.map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      </article>
    </Layout>
  )
}

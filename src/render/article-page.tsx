/** An article as a page. */
import type { Site } from '../env'
import type { StoredArticle } from '../shared/records'
import { Byline, Dateline, Topics } from './byline'
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
          <Byline site={site} authors={article.authors} />
          <p class="meta">
            <Dateline published={article.published_at} updated={article.updated_at} /> · {article.reading_time_minutes} min read
          </p>
          <Topics site={site} topics={article.topics} />
        </header>
        {article.paragraphs.map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      </article>
    </Layout>
  )
}

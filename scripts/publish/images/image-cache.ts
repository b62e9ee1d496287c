/**
 * The preview images a seed stores, drawn once per input hash into a cache on
 * disk (beside the last run's record, in node_modules/.cache): before a plan's
 * puts are read, every image it reads that the cache lacks is drawn, on every
 * core; a put then reads its PNG from the file. So an edit of an article's
 * body re-uses its image. The cache is this machine's only: on another one (a
 * fresh clone, CI) a seed that rewrites an article draws its image again, and
 * an unchanged article, not rewritten, is never drawn at all.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ImageSource, PlannedImages } from '../plan'
import { type PreviewImageSite, previewImageInputHash, renderPreviewImages, renderSiteImage, siteImageInputHash } from './preview-images'

export const IMAGE_CACHE_DIR = join('node_modules', '.cache', 'edge-articles', 'images')

/** A PNG's length in base64 (RFC 4648 section 4, padded). */
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4

/** Images of a site, drawn into the cache at `dir` as plans need them. */
export async function cachedImages(site: PreviewImageSite, dir = IMAGE_CACHE_DIR): Promise<ImageSource> {
  // Two hex digits a folder: 100,000 images make 256 folders of about 400 files.
  const fileOf = (hash: string) => join(dir, hash.slice(0, 2), `${hash}.png`)
  const missing = (hash: string) => !existsSync(fileOf(hash))
  const store = (hash: string, png: Uint8Array) => {
    const file = fileOf(hash)
    mkdirSync(join(dir, hash.slice(0, 2)), { recursive: true })
    // Whole or not at all: a seed killed mid-write, or another seed drawing the same image, leaves no torn file.
    const partial = `${file}.${process.pid}.tmp`
    writeFileSync(partial, png)
    renameSync(partial, file)
  }
  const siteHash = await siteImageInputHash(site)

  return {
    site: siteHash,
    hashOf: (article) => previewImageInputHash({ title: article.title, date: article.published_at }, site),
    async prepare(images: PlannedImages, onDrawn = () => {}) {
      const drawSite = images.site && missing(siteHash)
      // One job per hash: two articles with the same title on the same day share an image.
      const jobs = [...new Map(images.articles.filter((image) => missing(image.hash)).map((image) => [image.hash, image])).values()]
      const total = jobs.length + (drawSite ? 1 : 0)
      if (total === 0) return
      onDrawn(0, total)
      if (drawSite) store(siteHash, await renderSiteImage(site))
      let done = 0
      for await (const png of renderPreviewImages(jobs, site)) {
        store(jobs[done++].hash, png)
        onDrawn(done + (drawSite ? 1 : 0), total)
      }
    },
    base64: (hash) => readFileSync(fileOf(hash)).toString('base64'),
    base64Length(hash) {
      try {
        return base64Length(statSync(fileOf(hash)).size)
      } catch {
        return undefined // not drawn yet
      }
    },
  }
}

/**
 * Issue 11's bounds on what publishing costs, at 100,000 planned documents: a
 * new newest article (also the one that seals a page) and an edit ≤ 8 KV writes
 * and ≤ 1 MB; a delete or a backdated article ≤ 16 writes and deletes and ≤ 2 MB;
 * 1,000 new articles at once ≤ 1,100 writes. And the writes do not grow with the
 * archive: each change costs as many at 100,000 as at 1,000, but for one more
 * when it moves the sealed pages' bounds from the index to their chunk (1,000
 * articles have too few sealed pages to have any to move).
 * Preview images included: each article written carries one of the renderer's
 * mean size, inside its own value (scripts/cost/mean-sized-images.ts).
 * And issue 24's, over the generator's newsroom (about 1,000 topics and 500
 * authors at 100,000): each topic or author a change touches allows 2 more
 * writes and 400 KB more (a new article filed under five, sealing a page or
 * not; an article moved between topics; a delete of a filed one).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { type Archive, type Priced, priceChanges } from '../../scripts/cost/scenarios'
import { ESTIMATED_IMAGE_BASE64 } from '../../scripts/publish/plan'

let small: Priced[]
let large: Priced[]
let archive: Archive

beforeAll(async () => {
  small = (await priceChanges(1_000)).priced
  ;({ priced: large, archive } = await priceChanges(100_000))
}, 600_000)

describe('the cost of publishing at 100,000 articles', () => {
  it('prices them over a newsroom: about 1,000 topics and 500 authors', () => {
    expect(archive.topics).toBeGreaterThanOrEqual(900)
    expect(archive.authors).toBeGreaterThanOrEqual(450)
  })

  it('prices every change', () => {
    expect(large.map((p) => p.change)).toEqual(small.map((p) => p.change))
    expect(large.length).toBeGreaterThanOrEqual(10)
  })

  it('keeps every change within its bound in writes and deletes, and in bytes', () => {
    const over = large.filter(({ bound, cost }) => cost.writes + cost.deletes > bound.writes || cost.bytes > bound.bytes)
    expect(over.map(({ change, cost }) => `${change}: ${cost.writes} writes, ${cost.deletes} deletes, ${cost.bytes} bytes`)).toEqual([])
  })

  // Their writes are the articles' own: the bound above holds them.
  it("counts the preview images' bytes in", () => {
    const cost = (change: string) => large.find((p) => p.change === change)!.cost
    expect(cost('a new newest article').bytes).toBeGreaterThan(ESTIMATED_IMAGE_BASE64)
    expect(cost('1,000 new articles at once').bytes).toBeGreaterThan(1000 * ESTIMATED_IMAGE_BASE64)
  })

  // The topics' and authors' writes are the bound's per facet, and the article a change picks files under as
  // many as it happens to: the rest, the site's own, must not grow.
  it("costs each change as many of the site's own writes at 100,000 articles as at 1,000, give or take a bounds chunk", () => {
    const own = ({ cost }: Priced) => cost.writes + cost.deletes - cost.facetWrites
    const grown = large.filter((priced, i) => own(priced) > own(small[i]) + 1)
    expect(grown.map(({ change }) => change)).toEqual([])
    // Each change that files an article writes some topics' and authors' keys: they are counted apart.
    expect(large.filter(({ cost }) => cost.facetWrites > 0).length).toBeGreaterThanOrEqual(4)
    expect(large.map(({ cost }) => cost.deletes)).toEqual(small.map(({ cost }) => cost.deletes))
  })
})

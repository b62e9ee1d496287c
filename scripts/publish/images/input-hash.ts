/**
 * What an image's pixels depend on, hashed, so the publisher draws an image
 * again only when that changes: the text it shows (the date as shown, so a new
 * time on the same day changes nothing), this renderer's version, and the
 * versions of the engine and font packages that draw it.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { sha256Hex } from '../../../src/shared/hash'
import { FONT_PACKAGES } from './fonts'
import { humanDate } from './human-date'

/** Raise it with any change to the layout, the palette or the text handling. */
export const RENDERER_VERSION = 1

const require = createRequire(import.meta.url)

/** A package's installed version, from its package.json (read directly: not every package exports it). */
function installedVersion(name: string): string {
  const dir = require.resolve.paths(name)?.find((paths) => {
    try {
      return readFileSync(join(paths, name, 'package.json')).length > 0
    } catch {
      return false // not in this node_modules: the next one up
    }
  })
  if (!dir) throw new Error(`${name} is not installed`)
  return (JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')) as { version: string }).version
}

const DRAWN_WITH = ['@takumi-rs/core', ...FONT_PACKAGES].map((name) => `${name}@${installedVersion(name)}`)

export type PreviewImageInput = { title: string; date: string }
export type PreviewImageSite = { name: string; description: string }

const hashOf = (parts: unknown[]) => sha256Hex(JSON.stringify([RENDERER_VERSION, DRAWN_WITH, ...parts]))

/** Lowercase hex SHA-256 of all that an article's image shows and is drawn with. The site's description is not on it. */
export const previewImageInputHash = (input: PreviewImageInput, site: PreviewImageSite): Promise<string> =>
  hashOf(['article', input.title, humanDate(input.date), site.name])

/** The same for the site's own image: its name and description. */
export const siteImageInputHash = (site: PreviewImageSite): Promise<string> => hashOf(['site', site.name, site.description])

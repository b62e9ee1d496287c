/**
 * The site's mark, drawn in code from its colour: a rounded square with a
 * headline and three lines of text in white. It is the favicon and, unless
 * PUBLISHER_LOGO_URL names another, the publisher's logo. No font: the same
 * shapes suit a site name in any script, and the Worker bundle stays small.
 */
import type { Site } from '../env'
import { encodePng, icoOfPng } from './png'

/** The favicon's size: what browsers show in tabs at 2× density. */
export const ICON_SIZE = 32
/**
 * The logo's size: square, as Google's Organization logo (at least 112×112 px)
 * and schema.org's ImageObject take it; large enough to scale down sharply.
 */
export const LOGO_SIZE = 192

type Box = readonly [left: number, top: number, right: number, bottom: number]

/** The white shapes, in units of the mark's side: a headline bar, then lines of text, the last one short. */
const BARS: readonly Box[] = [
  [0.22, 0.22, 0.78, 0.36],
  [0.22, 0.46, 0.78, 0.53],
  [0.22, 0.6, 0.78, 0.67],
  [0.22, 0.74, 0.58, 0.81],
]
const CORNER = 0.22
/** Samples per pixel along each axis: smooth edges at 32 px, cheap at 192. */
const SAMPLES = 4

const inBox = (x: number, y: number, [left, top, right, bottom]: Box) => x >= left && x < right && y >= top && y < bottom

/** Whether a point of the unit square lies inside the rounded square. */
function inBackground(x: number, y: number): boolean {
  const dx = Math.max(CORNER - x, x - (1 - CORNER), 0)
  const dy = Math.max(CORNER - y, y - (1 - CORNER), 0)
  return dx * dx + dy * dy <= CORNER * CORNER
}

const rgbOf = (color: string) => [1, 3, 5].map((at) => Number.parseInt(color.slice(at, at + 2), 16))

/** The mark at `size` pixels, as RGBA: the colour, white where the bars are, transparent outside the corners. */
export function drawMark(color: string, size: number): Uint8Array {
  const [r, g, b] = rgbOf(color)
  const pixels = new Uint8Array(size * size * 4)
  const step = 1 / (size * SAMPLES)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inside = 0
      let white = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px * SAMPLES + sx + 0.5) * step
          const y = (py * SAMPLES + sy + 0.5) * step
          if (!inBackground(x, y)) continue
          inside++
          if (BARS.some((bar) => inBox(x, y, bar))) white++
        }
      }
      if (inside === 0) continue
      // Colour blended towards white by the share of covered samples that are bars; alpha by coverage.
      const mix = white / inside
      const at = (py * size + px) * 4
      pixels[at] = Math.round(r + (255 - r) * mix)
      pixels[at + 1] = Math.round(g + (255 - g) * mix)
      pixels[at + 2] = Math.round(b + (255 - b) * mix)
      pixels[at + 3] = Math.round((255 * inside) / (SAMPLES * SAMPLES))
    }
  }
  return pixels
}

/** /logo.png: the mark as a PNG. */
export const renderLogo = (site: Site) => encodePng(LOGO_SIZE, LOGO_SIZE, drawMark(site.color, LOGO_SIZE))

/** /favicon.ico: the mark as an ICO holding a PNG. */
export const renderFavicon = async (site: Site) =>
  icoOfPng(await encodePng(ICON_SIZE, ICON_SIZE, drawMark(site.color, ICON_SIZE)), ICON_SIZE)

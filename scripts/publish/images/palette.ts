/**
 * The site's light colours, as the preview images paint them: the `:root`
 * values of PAGE_STYLE in src/render/layout.tsx, which the publisher may not
 * import (the floors), so they are repeated here once and a test holds the two
 * equal. Light only: an image is shown on whatever background the host has.
 */
export const PALETTE = {
  background: '#fff',
  text: '#1d1d1f',
  muted: '#5b5b66',
  accent: '#0b57d0',
  rule: '#d9d9e0',
} as const

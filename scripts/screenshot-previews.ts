/**
 * npm exec tsx scripts/screenshot-previews.ts -- [--out DIR]
 *
 * Renders the preview images of a Latin, a Korean, an Arabic and a Devanagari
 * title, shows each in Debian's Chromium as a chat app unfurls a link (the
 * image under the site's name and host), and saves the screenshots, so
 * a person can see the text is right: Arabic joined and set from the right,
 * Devanagari with its conjuncts and vowel signs in place.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { launchChromium } from '../tests/support/chromium'
import { escapeXml } from '../src/render/xml'
import { parseCommandLine, runCommand } from './cli/command-line'
import { PREVIEW_IMAGE, renderPreviewImages } from './publish/images/preview-images'

const COMMAND = {
  name: 'screenshot-previews',
  usage: 'npm exec tsx scripts/screenshot-previews.ts -- [options]',
  about: 'Saves Chromium screenshots of the preview images of four titles (latin, korean, arabic, devanagari).',
  options: {
    out: { type: 'string', value: 'DIR', default: 'docs/preview-images', help: 'where the screenshots go' },
  },
} as const

const SITE = { name: 'Edge Articles', description: 'News from the edge.' }
const DATE = '2026-04-27T09:30:00Z'
const HOST = 'news.example.com'
const TITLES = {
  latin: 'Zürich council approves the harbour plan after a long night of talks',
  korean: '서울시, 내년부터 대중교통 요금 인상 계획 발표… 시민들 반발 이어져',
  arabic: 'الحكومة تعلن عن خطة جديدة لدعم الاقتصاد المحلي وتوفير فرص العمل للشباب',
  devanagari: 'प्रधानमंत्री ने शिक्षा नीति की घोषणा की, विद्यार्थियों के लिए नई छात्रवृत्ति योजना',
}

/**
 * A link unfurled in a chat: a bar, the site's name and host, the image at half size. The title is
 * left to the image: this machine's Chromium has no Devanagari or Hangul system font to set it in.
 */
const unfurl = (title: string, png: Uint8Array) => `<!doctype html><meta charset="utf-8">
<style>
body{margin:0;padding:16px;background:#f4f4f6;font:15px/1.4 system-ui,sans-serif}
.unfurl{width:${PREVIEW_IMAGE.width / 2}px;border-left:4px solid #c8c8d0;padding:4px 12px;background:#fff}
.site{color:#5b5b66;font-size:13px}.title{color:#0b57d0;font-weight:600;margin:2px 0 8px}
img{display:block;width:100%;border-radius:6px}
</style>
<div class="unfurl"><div class="site">${escapeXml(SITE.name)}</div><div class="title">${escapeXml(HOST)}</div>
<img alt="${escapeXml(title)}" src="data:${PREVIEW_IMAGE.type};base64,${Buffer.from(png).toString('base64')}"></div>`

async function main(): Promise<number> {
  const { out } = parseCommandLine(COMMAND)
  await mkdir(out, { recursive: true })
  const names = Object.keys(TITLES)
  const titles = Object.values(TITLES)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2 })
    let i = 0
    for await (const png of renderPreviewImages(
      titles.map((title) => ({ title, date: DATE })),
      SITE,
    )) {
      await page.setContent(unfurl(titles[i], png))
      await page.locator('.unfurl').screenshot({ path: join(out, `${names[i]}.png`) })
      console.log(join(out, `${names[i++]}.png`))
    }
  } finally {
    await browser.close()
  }
  return 0
}

runCommand(COMMAND.name, main)

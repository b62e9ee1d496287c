/**
 * The fonts a preview image may draw with, in fallback order: Noto families
 * from npm (@expo-google-fonts ships them as TTF), one per script, so a title
 * in any script the documents may hold gets real glyphs. Each family's
 * coverage is read from its cmap, so text can be checked before it is drawn.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { coveredCodePoints } from './cmap'

const require = createRequire(import.meta.url)

type FamilyFiles = { family: string; files: Partial<Record<400 | 700, string>> }

/**
 * Order matters where families overlap: Simplified Chinese comes before Korean
 * so that Han characters take Chinese forms, and Korean still draws Hangul
 * (the SC font has none). Emoji last, monochrome outlines drawn in the text's
 * colour. Only Latin has a regular weight: the date and the description, the
 * only text that is not bold, are Latin in practice, and other scripts fall
 * back to their bold face.
 */
const CHAIN: readonly FamilyFiles[] = [
  {
    family: 'Noto Sans', // Latin, Cyrillic, Greek, the Devanagari block, and shared punctuation
    files: {
      400: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
      700: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
    },
  },
  { family: 'Noto Sans Arabic', files: { 700: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf' } },
  { family: 'Noto Sans Hebrew', files: { 700: '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf' } },
  {
    family: 'Noto Sans Devanagari', // Devanagari Extended and Vedic Extensions, which Noto Sans lacks
    files: { 700: '@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf' },
  },
  { family: 'Noto Sans Thai', files: { 700: '@expo-google-fonts/noto-sans-thai/700Bold/NotoSansThai_700Bold.ttf' } },
  { family: 'Noto Sans SC', files: { 700: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' } },
  { family: 'Noto Sans KR', files: { 700: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf' } },
  { family: 'Noto Emoji', files: { 700: '@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf' } },
]

/** The npm packages the fonts come from: their versions change the pixels. */
export const FONT_PACKAGES: readonly string[] = [...new Set(CHAIN.flatMap(({ files }) => Object.values(files).map(packageOf)))]

function packageOf(file: string): string {
  return file.split('/').slice(0, 2).join('/')
}

export type FontFace = { family: string; weight: number; data: Uint8Array }

export type Fonts = {
  faces: FontFace[]
  /** The families, in fallback order. */
  families: string[]
  /** The first family of the chain that maps every code point to a real glyph, if any. */
  familyFor(codePoints: readonly number[]): string | undefined
}

export async function loadFonts(): Promise<Fonts> {
  const families = await Promise.all(
    CHAIN.map(async ({ family, files }) => {
      const faces = await Promise.all(
        Object.entries(files).map(async ([weight, file]) => ({
          family,
          weight: Number(weight),
          data: await readFile(require.resolve(file)),
        })),
      )
      // Each family's weights cover the same characters: one cmap tells for all.
      return { family, faces, covered: coveredCodePoints(faces[0].data) }
    }),
  )
  return {
    faces: families.flatMap(({ faces }) => faces),
    families: families.map(({ family }) => family),
    familyFor: (codePoints) => families.find(({ covered }) => codePoints.every((c) => covered.has(c)))?.family,
  }
}

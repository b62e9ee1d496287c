/** The parts of structured-data-testing-tool (which ships no types) the tests use. */
declare module 'structured-data-testing-tool' {
  export type StructuredDataTestResult = {
    passed: Array<{ description: string }>
    failed: Array<{ description: string; error?: { message: string } }>
    warnings: Array<{ description: string }>
    schemas: string[]
    structuredData: { jsonld: Record<string, Array<Record<string, unknown>>> }
  }
  export function structuredDataTest(input: string, options: { presets?: unknown[]; schemas?: string[] }): Promise<StructuredDataTestResult>
}

declare module 'structured-data-testing-tool/presets' {
  export const Google: unknown
}

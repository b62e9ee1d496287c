/**
 * Functions that run inside Chromium, handed to `page.evaluate`. The project
 * is typed for the Workers runtime, not the DOM, so the few browser globals
 * used here are declared loosely for this file alone.
 */
// biome-ignore lint/suspicious/noExplicitAny: DOM globals, typed loosely on purpose (see above)
declare const document: any
// biome-ignore lint/suspicious/noExplicitAny: as above
declare const window: any
// biome-ignore lint/suspicious/noExplicitAny: as above
declare const parent: any

/** What the reader sees of a card: its frame's height against the card document inside. */
export function cardLayout() {
  return {
    title: (document.querySelector('h1')?.textContent ?? '') as string,
    frameHeight: window.innerHeight as number,
    cardHeight: Math.ceil(document.documentElement.getBoundingClientRect().height) as number,
  }
}

/** Whether the document is wider than its viewport: something does not fit and scrolls sideways. */
export function overflowsWidth(): boolean {
  return document.documentElement.scrollWidth > document.documentElement.clientWidth
}

/**
 * Arms the host page to report the card frames' heights when a 'probe'
 * message arrives. Messages from one window arrive in order, so by then
 * embed.js has handled whatever that window posted before the probe.
 */
export function armProbe(selector: string): void {
  window.probed = new Promise((resolve) => {
    window.addEventListener('message', function probe(event: { data: unknown }) {
      if (event.data !== 'probe') return
      window.removeEventListener('message', probe)
      resolve(Array.from(document.querySelectorAll(selector), (iframe: { height: string }) => iframe.height))
    })
  })
}

/** Posts a message to the parent (a top-level page is its own parent), then the probe. */
export function postWithProbe(message: unknown): void {
  parent.postMessage(message, '*')
  parent.postMessage('probe', '*')
}

export function probedHeights(): Promise<string[]> {
  return window.probed
}

/** axe-core's serious and critical violations on the page (axe must have been evaluated into it first). */
export async function seriousAxeViolations() {
  const results = await window.axe.run(document, { resultTypes: ['violations'] })
  return {
    rulesPassed: results.passes.length as number,
    violations: results.violations
      .filter((violation: { impact: string }) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation: { id: string; help: string; nodes: Array<{ target: unknown }> }) => ({
        rule: violation.id,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target),
      })),
  }
}

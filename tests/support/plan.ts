/** Reading seed plans without a store: for pure tests of the planner and what it feeds. */
import { EMPTY_STATE, readPreviousState, type PreviousState } from '../../scripts/publish/manifest'
import { planSeed, type Plan } from '../../scripts/publish/plan'
import { standInImages } from './stand-in-images'
import { FeedSourceSchema, type Document, type FeedSource } from '../../src/shared/records'
import { FEED_KEY } from '../../src/shared/keys'

/** The plan a first seed makes, into an empty store, with stand-in preview images. */
export const planFirstSeed = (documents: readonly Document[], now: string) =>
  planSeed(documents, EMPTY_STATE, now, { images: standInImages })

const putValues = (plan: Plan) => new Map(plan.steps.flatMap((step) => step.puts).map((put) => [put.key, put.read()]))

/** What a first seed leaves behind: it writes every manifest key, so its plan alone is the whole state. */
export const stateAfterFirstSeed = (plan: Plan): PreviousState => readPreviousState(putValues(plan))

/** The feed source a plan writes, for a plan known to change the feed. */
export function plannedFeed(plan: Plan): FeedSource {
  const value = putValues(plan).get(FEED_KEY)
  if (value === undefined) throw new Error('the plan does not write the feed')
  return FeedSourceSchema.parse(JSON.parse(value))
}

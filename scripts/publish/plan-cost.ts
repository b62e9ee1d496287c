/**
 * What a plan costs in Workers KV, the figures its price and its limits are
 * counted in: writes (puts), deletes, and the bytes a write sends (each key and
 * its value, in UTF-8). Workers KV's free plan allows 1,000 writes and 1,000
 * deletes a day (https://developers.cloudflare.com/kv/platform/pricing/), so a
 * seed says what it will spend before it spends it (`--dry-run`).
 */
import type { Plan } from './plan'
import { utf8Length } from './put'

export type Cost = { writes: number; deletes: number; bytes: number }
export type PlanCost = Cost & { steps: Array<Cost & { name: Plan['steps'][number]['name'] }> }

/** Each step's cost and the plan's totals. Sizes every value (a dry run's article values without reading them). */
export function planCost(plan: Plan): PlanCost {
  const steps = plan.steps.map((step) => ({
    name: step.name,
    writes: step.puts.length,
    deletes: step.deletes.length,
    bytes: step.puts.reduce((n, p) => n + utf8Length(p.key) + p.bytes(), 0),
  }))
  const total = (field: keyof Cost) => steps.reduce((n, step) => n + step[field], 0)
  return { writes: total('writes'), deletes: total('deletes'), bytes: total('bytes'), steps }
}

/** Every key and raw value of a KV namespace, to compare stores or put one back as it was. */

async function keysOf(kv: KVNamespace): Promise<string[]> {
  const names: string[] = []
  let cursor: string | undefined
  do {
    const page = await kv.list({ cursor })
    names.push(...page.keys.map((key) => key.name))
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
  return names
}

export async function snapshotKv(kv: KVNamespace): Promise<Map<string, string>> {
  const names = await keysOf(kv)
  const values = await Promise.all(names.map(async (name) => [name, (await kv.get(name)) ?? ''] as const))
  return new Map(values.sort(([a], [b]) => a.localeCompare(b)))
}

/** Makes the namespace hold exactly the snapshot again, writing only what differs. */
export async function restoreKv(kv: KVNamespace, snapshot: ReadonlyMap<string, string>): Promise<void> {
  const current = await snapshotKv(kv)
  await Promise.all([
    ...[...current.keys()].filter((name) => !snapshot.has(name)).map((name) => kv.delete(name)),
    ...[...snapshot].filter(([name, value]) => current.get(name) !== value).map(([name, value]) => kv.put(name, value)),
  ])
}

/**
 * A KV binding that reports every operation made through it, then does it on
 * the real binding: how the benchmark's counting build and the performance
 * tests see what a request costs in storage. Runs in workerd.
 */

export type KvOperation = { method: string; keys: string | string[]; options: unknown }

export function countingKv(real: KVNamespace, record: (operation: KvOperation) => void): KVNamespace {
  return new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      // Every method of the binding is a storage operation (get, getWithMetadata, list, put, delete).
      return (...args: unknown[]) => {
        record({ method: String(property), keys: args[0] as string | string[], options: args[1] })
        return Reflect.apply(value, target, args)
      }
    },
  })
}

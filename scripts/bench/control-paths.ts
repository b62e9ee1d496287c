/** The counting build's control paths, shared by the build (workerd) and the benchmark (Node). */
export const KV_OPERATIONS_PATH = '/__bench/kv-operations'
export const RESET_PATH = '/__bench/reset'
/** See handler-loop.ts. */
export const HANDLER_LOOP_PATH = '/__bench/handler-loop'

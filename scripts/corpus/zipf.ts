/**
 * Draws from a Zipf law over ranks 0…size−1: rank k is drawn with weight
 * (k + 1)^−exponent, so a few ranks take a large share and the rest form a long
 * tail, as bylines and topics do in a newsroom. The cumulative table is made
 * once; a draw is one binary search, whatever the size. A draw among the first
 * ranks only is the same law over a smaller pool, from the same table.
 */

/** A sampler of ranks: give it a uniform draw in [0, 1), it answers a rank among the first `among` (all by default). */
export type ZipfSampler = (uniform: number, among?: number) => number

export function zipfSampler(size: number, exponent: number): ZipfSampler {
  const cumulative = new Float64Array(size)
  let total = 0
  for (let k = 0; k < size; k++) cumulative[k] = total += (k + 1) ** -exponent
  return (uniform, among = size) => {
    const target = uniform * cumulative[among - 1]
    // The first rank whose cumulative weight passes the target.
    let [low, high] = [0, among - 1]
    while (low < high) {
      const middle = (low + high) >>> 1
      if (cumulative[middle] > target) high = middle
      else low = middle + 1
    }
    return low
  }
}

// @ts-check
// Load for the receiver's bench: unique records POSTed by autocannon to a
// receiver on loopback, bounded in count and time.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export const ORIGIN = 'http://shop.test';

/**
 * A record as the drop-in sends it, unique per call.
 * @param {number} n
 */
export function recordBody(n, start = Date.now()) {
  return JSON.stringify({
    id: randomUUID(),
    time: new Date(start - n).toISOString(),
    action: n % 3 === 0 ? 'accept-all' : n % 3 === 1 ? 'reject-all' : 'custom',
    source: n % 5 === 0 ? 'preferences' : 'banner',
    categories: { necessary: true, preferences: n % 2 === 0, statistics: n % 3 !== 1, marketing: n % 3 === 0 },
    services: {},
    regime: n % 7 === 0 ? 'opt-out' : 'opt-in',
    gpc: n % 11 === 0,
    language: 'en',
    revision: 1,
    noticeHash: 'a'.repeat(64),
    url: `${ORIGIN}/products/${n % 100}`,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  });
}

/**
 * POSTs records for `seconds` (at most `amount` of them) over `connections`
 * connections; resolves to the rate, the latency percentiles and the counts.
 * @param {string} url
 */
export async function postLoad(url, { connections = 50, seconds = 10, amount = 200_000 } = {}) {
  let n = 0;
  const start = Date.now();
  const result = await autocannon({
    url: `${url}/v1/records`,
    connections,
    duration: seconds,
    maxOverallRequests: amount,
    requests: [
      {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8' },
        setupRequest: (/** @type {autocannon.Request} */ request) => ({ ...request, body: recordBody(n++, start) }),
      },
    ],
  });
  return summary(result);
}

/**
 * GETs one consent ID's history, drawn from `ids`, with the admin token.
 * @param {string} url
 * @param {string[]} ids
 * @param {string} token
 */
export async function lookupLoad(url, ids, token, { connections = 10, seconds = 10, amount = 100_000 } = {}) {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    maxOverallRequests: amount,
    requests: [
      {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
        setupRequest: (/** @type {autocannon.Request} */ request) => ({ ...request, path: `/v1/records/${ids[(n++ * 7919) % ids.length]}` }),
      },
    ],
  });
  return summary(result);
}

/** @param {autocannon.Result} result */
function summary(result) {
  return {
    rate: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
    seconds: result.duration,
  };
}

/**
 * POSTs records from `workers` loops until `until` settles; resolves to the
 * consent IDs that got a 204. A request cut off by a dying receiver was never
 * acknowledged; any other answer than 204 or 503 is a failure.
 * `acknowledged` fills as the answers come, for a caller that waits for a count.
 * @param {string[]} urls
 * @param {Promise<unknown>} until
 * @param {string[]} [acknowledged]
 */
export async function postUntil(urls, until, workers = 20, acknowledged = []) {
  let done = false;
  until.then(() => {
    done = true;
  });
  let n = 0;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (!done) {
        const body = recordBody(n++, start);
        const url = urls[(n + w) % urls.length];
        let status = 0;
        try {
          const response = await fetch(`${url}/v1/records`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'text/plain' }, body });
          status = response.status;
          if (status !== 204 && status !== 503) throw new Error(`unexpected ${status}: ${await response.text()}`);
        } catch (error) {
          if (/** @type {Error} */ (error).message.startsWith('unexpected')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        if (status === 204) acknowledged.push(JSON.parse(body).id);
      }
    }),
  );
  return acknowledged;
}

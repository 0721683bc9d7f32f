// How often one user, and one client address, may upload (statements, registry CSV, baseline
// files): each upload costs a file on disk, a parse and often a job process, so a script
// posting in a loop could fill the disk or the job queue. Counted in this process's memory:
// uploads are received only by the web server, and a restart forgetting the counts costs
// nothing worth keeping. Fixed windows: simple, and a burst at a window's edge is at most
// twice the limit.

type Env = Record<string, string | undefined>;

export interface UploadRatePolicy {
  /** Uploads one user may start within the window. */
  perUser: number;
  /** Uploads from one client address within the window (staff of an office share one). */
  perIp: number;
  windowMs: number;
}

export function uploadRatePolicy(env: Env = process.env): UploadRatePolicy {
  const num = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    perUser: num("UPLOAD_MAX_PER_USER", 30),
    perIp: num("UPLOAD_MAX_PER_IP", 300),
    windowMs: num("UPLOAD_WINDOW_SECONDS", 60) * 1000,
  };
}

export interface RateLimiter {
  /** Counts one attempt against every key, or refuses it (counting nothing) while any key is spent. */
  take(keys: Array<{ key: string; max: number }>): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** Past this many keys, windows that have ended are dropped: the map cannot grow without end. */
const PRUNE_AT = 10_000;

export function createRateLimiter(windowMs: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    take(keys) {
      const t = now();
      if (windows.size > PRUNE_AT) for (const [key, w] of windows) if (t - w.startedAt >= windowMs) windows.delete(key);
      const current = keys.map(({ key, max }) => {
        const w = windows.get(key);
        return { key, max, window: w && t - w.startedAt < windowMs ? w : { startedAt: t, count: 0 } };
      });
      const spent = current.filter((c) => c.window.count >= c.max);
      if (spent.length > 0) {
        const until = Math.max(...spent.map((c) => c.window.startedAt + windowMs));
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - t) / 1000)) };
      }
      for (const c of current) windows.set(c.key, { startedAt: c.window.startedAt, count: c.window.count + 1 });
      return { ok: true };
    },
  };
}

const globalLimiter = globalThis as unknown as { huiminUploadLimiter?: { limiter: RateLimiter; policy: UploadRatePolicy } };

/** The server's one limiter of uploads, with the policy the environment sets. */
export function uploadLimiter(): { limiter: RateLimiter; policy: UploadRatePolicy } {
  if (!globalLimiter.huiminUploadLimiter) {
    const policy = uploadRatePolicy();
    globalLimiter.huiminUploadLimiter = { limiter: createRateLimiter(policy.windowMs), policy };
  }
  return globalLimiter.huiminUploadLimiter;
}

/** Counts an upload by `userId` from `ip`; the seconds to wait when either has used up its window. */
export function takeUpload(userId: number, ip: string | null): { ok: true } | { ok: false; retryAfterSeconds: number } {
  const { limiter, policy } = uploadLimiter();
  return limiter.take([{ key: `user:${userId}`, max: policy.perUser }, ...(ip ? [{ key: `ip:${ip}`, max: policy.perIp }] : [])]);
}

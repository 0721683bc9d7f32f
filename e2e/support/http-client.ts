// A signed-in client over plain HTTP, as a browser's fetches reach the server: server actions by
// their id (the `Next-Action` header and React's JSON encoding of the arguments), route handlers
// by URL, the session cookie kept between calls. For load tests, where twenty browsers would
// cost more than the server they test.
import { builtServerActions } from "./manifest";
import { DEMO_PASSWORD } from "./auth";

/** One answered (or unanswered: status 0) request, with what a load test needs to judge it. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  ms: number;
  body: string;
  headers: Headers | null;
}

let actionIds: Map<string, string> | undefined;

/** The build's id of a server action, by its exported name. */
export function actionId(exportedName: string): string {
  actionIds ??= new Map(builtServerActions().map((a) => [a.exportedName, a.id]));
  const id = actionIds.get(exportedName);
  if (!id) throw new Error(`no server action ${exportedName} in the build`);
  return id;
}

/** The action's own result in an RSC answer: the row that is `{"ok":…}`. */
export function actionResult(body: string): { ok: boolean; code?: string; message?: string } | null {
  const line = /^[0-9a-f]+:(\{"ok":(?:true|false)[^\n]*)$/m.exec(body);
  if (!line) return null;
  try {
    return JSON.parse(line[1]!) as { ok: boolean; code?: string; message?: string };
  } catch {
    return null;
  }
}

export class HttpClient {
  private cookie = "";
  constructor(
    readonly baseURL: string,
    readonly username: string,
    private readonly onExchange: (exchange: Exchange) => void = () => undefined,
  ) {}

  async request(method: string, path: string, init: { headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> } = {}): Promise<Exchange> {
    const started = performance.now();
    const exchange: Exchange = { method, path, status: 0, ms: 0, body: "", headers: null };
    try {
      const response = await fetch(this.baseURL + path, {
        method,
        redirect: "manual",
        headers: { ...init.headers, ...(this.cookie ? { cookie: this.cookie } : {}) },
        body: init.body,
        // A request the server never answers counts as failed, not as a hung test.
        signal: AbortSignal.timeout(30_000),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const pair = cookie.split(";")[0]!;
        if (pair.includes("session-token")) this.cookie = pair;
      }
      exchange.status = response.status;
      exchange.headers = response.headers;
      exchange.body = await response.text();
    } catch (error) {
      exchange.body = String(error);
    }
    exchange.ms = performance.now() - started;
    this.onExchange(exchange);
    return exchange;
  }

  /** Calls a server action as the page at `path` would (React sends `[prevState, values]`). */
  action(path: string, exportedName: string, values: Record<string, string>): Promise<Exchange> {
    return this.request("POST", path, {
      headers: { "next-action": actionId(exportedName), origin: this.baseURL, "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify([null, values]),
    });
  }

  async login(password = DEMO_PASSWORD): Promise<void> {
    const answer = await this.action("/login", "loginAction", { username: this.username, password });
    if (!answer.headers?.get("x-action-redirect") || !this.cookie) throw new Error(`login of ${this.username} failed: ${answer.status} ${answer.body.slice(0, 200)}`);
  }
}

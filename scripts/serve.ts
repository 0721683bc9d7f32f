// The production server (`npm run serve`; `npm start` prepares the database and build, then runs
// it): Next's own request handler, with the public pages that follow the data version answered in
// front of it from the snapshot store (lib/public/snapshot-server.ts). PORT and HOST as for
// `next start` (default 3000 on every interface).
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { getDb } from "../db/client";
import { SNAPSHOT_TOKEN_ENV } from "../lib/public/routes";
import { createPublicSnapshots } from "../lib/public/snapshot-server";
import { forwardedFor, forwardedProto } from "../lib/security/transport";

// Before Next and React load: they pick their production builds from it.
(process.env as Record<string, string>).NODE_ENV = "production";
const token = (process.env[SNAPSHOT_TOKEN_ENV] ??= randomUUID());
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
/** Where the server answers itself: the loopback when it listens on every interface, else its own address. */
const selfHost = host === "0.0.0.0" || host === "::" || host === "localhost" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
const selfOrigin = `http://${selfHost}:${port}`;

// Where Next fetches the page a server action redirects to (as `next start` sets it): this server,
// over plain HTTP, not the https:// origin a TLS-terminating proxy's request names.
process.env.__NEXT_PRIVATE_ORIGIN ??= selfOrigin;

const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const snapshots = createPublicSnapshots({ db: getDb(), origin: selfOrigin, token });

const server = createServer((request, response) => {
  // Before anything reads it (HSTS, Auth.js's Secure cookies): a client's own claim of HTTPS
  // counts only when TRUST_PROXY says a TLS-terminating proxy sets the header.
  request.headers["x-forwarded-proto"] = forwardedProto(request.headers["x-forwarded-proto"]);
  // Likewise the client address the login throttle and the upload limits count by.
  request.headers["x-forwarded-for"] = forwardedFor(request.headers["x-forwarded-for"], request.socket.remoteAddress);
  snapshots
    .answer(request, response)
    .catch((error: unknown) => {
      console.error("the snapshot server failed; Next answers instead:", error);
      return response.headersSent;
    })
    .then((answered) => {
      if (!answered) return handle(request, response);
    })
    .catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500).end();
    });
});
server.listen(port, host, () => console.log(`listening on ${selfOrigin}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}

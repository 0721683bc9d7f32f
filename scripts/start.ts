// `npm start`: migrate, seed if empty, build if needed, serve; print the URL and demo logins.
import { spawn } from "node:child_process";
import { databasePath } from "../db/client";
import { DEMO_PASSWORD, DEMO_USERS, MORE_DEMO_USERS } from "../db/seed/demo";
import { buildIfNeeded, ensureAuthSecret, prepareDatabase, serverEnv } from "./lib/prepare";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const dbPath = databasePath();

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const env = serverEnv({ DATABASE_PATH: dbPath, AUTH_SECRET: ensureAuthSecret(dbPath) });
console.log(`database: ${dbPath}`);
await prepareDatabase(dbPath);
buildIfNeeded(env);

const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { stdio: ["ignore", "inherit", "inherit"], env: { ...env, PORT: String(port), HOST: host } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

const shown = host === "0.0.0.0" ? "localhost" : host;
if (await waitForHealth(`http://127.0.0.1:${port}/api/health`, 60_000)) {
  const width = Math.max(...DEMO_USERS.map((u) => u.username.length));
  console.log(`\nHuimin is running at http://${shown}:${port}\n`);
  console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(width)}  ${u.role.padEnd(8)}  ${u.displayName}`);
  console.log(`  more staff: ${MORE_DEMO_USERS.map((u) => u.username).join(", ")}`);
  console.log("");
} else {
  console.error("the server did not answer /api/health within 60 s");
}

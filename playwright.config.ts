import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);

// e2e runs against the production build, served as `npm start` serves it (scripts/serve.ts), with its own database, made by
// scripts/test.ts (migrated and seeded through the same paths as `npm start`).
export default defineConfig({
  testDir: "./e2e",
  // Its own folder: Playwright empties it at the start, and test-results/ also holds the unit
  // half's report and the fault figures both halves record (scripts/test.ts).
  outputDir: "./test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `PORT=${PORT} HOST=127.0.0.1 TRUST_PROXY=true node --import tsx scripts/serve.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});

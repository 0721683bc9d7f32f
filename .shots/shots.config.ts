import { defineConfig } from "@playwright/test";
export default defineConfig({
  testDir: ".",
  testMatch: "shots.spec.ts",
  workers: 1,
  reporter: [["list"]],
  use: { baseURL: "http://127.0.0.1:3300", locale: "zh-CN", viewport: { width: 1280, height: 900 }, launchOptions: { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] } },
});

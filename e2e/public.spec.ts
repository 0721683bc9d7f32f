import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { test, expect, type Page } from "@playwright/test";
import { generateWechatBill } from "../lib/statements/generate";
import { formatLeverage } from "../lib/vouchers/leverage-format";
import { unique } from "./support/admin";
import { seriousViolations } from "./support/axe";
import { e2eDb } from "./support/db";
import { approvedCampaignWithBatch } from "./support/registry";
import { signedIn } from "./support/registry-ui";

// The public summary at / and /en, as an anonymous visitor sees it: on a phone and a desktop,
// in both languages, accessible, with the demo seed's story computed from the data — and the
// figures following an import into an approved batch and its void, exactly to the fen.

test.describe.configure({ mode: "serial" });

const VIEWPORTS = [
  { name: "375", width: 375, height: 812 },
  { name: "1280", width: 1280, height: 900 },
];

/** The headline figures as the page carries them: amounts in fen (data-fen), counts, the ratio. */
async function headline(page: Page) {
  const fen = async (id: string) => Number(await page.getByTestId(id).getAttribute("data-fen"));
  const count = async (id: string) => Number(await page.getByTestId(id).getAttribute("data-count"));
  return {
    subsidyFen: await fen("headline-subsidy"),
    grossFen: await fen("headline-gross"),
    issuedFen: await fen("headline-issued"),
    leverage: (await page.getByTestId("headline-leverage").textContent())?.trim(),
    packages: await count("headline-packages"),
    events: await count("headline-events"),
  };
}

for (const viewport of VIEWPORTS) {
  test(`an anonymous visitor reads the summary at ${viewport.name} px, in Chinese and in English, without any data fetched by the browser`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    const fetched: string[] = [];
    // Links prefetch the pages they lead to (?_rsc=…): that is navigation, not data. Data would come from /api/.
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) fetched.push(request.url());
    });
    for (const [path, lang, h1] of [
      ["/", "zh-CN", "菏泽市促消费成效"],
      ["/en", "en", "Consumption promotion in Heze City"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
      // Not signed in: the way in for staff, no session.
      await expect(page.getByRole("link", { name: lang === "en" ? "Staff sign-in" : "工作人员入口" })).toBeVisible();
      for (const id of ["headline-retail-sales", "headline-subsidy", "headline-gross", "headline-leverage", "headline-packages", "headline-events"]) {
        await expect(page.getByTestId(id)).toBeVisible();
      }
      await expect(page.getByTestId("public-trend-chart")).toBeVisible();
      // Nothing wider than the screen: wide tables scroll inside their own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`public-${lang}-${viewport.name}.png`), fullPage: true });
    }
    expect(fetched, "the page fetched data in the browser").toEqual([]);
    await context.close();
  });
}

test("title, description and Open Graph tags for sharing, in each language", async ({ page }) => {
  for (const [path, locale, title] of [
    ["/", "zh_CN", "菏泽市促消费成效"],
    ["/en", "en_US", "Consumption promotion in Heze City: the results"],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveTitle(new RegExp(`^${title}`));
    const meta = (selector: string) => page.locator(selector).getAttribute("content");
    expect(await meta('meta[name="description"]')).toContain(path === "/" ? "消费券" : "voucher");
    expect(await meta('meta[property="og:title"]')).toBe(title);
    expect(await meta('meta[property="og:description"]')).toBe(await meta('meta[name="description"]'));
    expect(await meta('meta[property="og:type"]')).toBe("website");
    expect(await meta('meta[property="og:locale"]')).toBe(locale);
    // The visitor's path (relative: the page is the same on any host), never the snapshot's.
    expect(await meta('meta[property="og:url"]')).toBe(path);
  }
});

test("the language switch goes from / to /en and back", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("public-language-switch").click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 2, name: "Headline figures" })).toBeVisible();
  await page.getByTestId("public-language-switch").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 2, name: "主要数字" })).toBeVisible();
});

test("axe finds no serious or critical violation on /, /en and /leverage", async ({ page }) => {
  for (const path of ["/", "/en", "/leverage"]) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test("the headline figures tell the demo seed's story: 283.00 万元 of subsidy, 2.15 亿元 stimulated, 1 : 76, 327 packages, 398 events, retail sales 1,254.90 亿元 +7.6% 1/16", async ({ page }) => {
  // Specs that run before this one add their own campaigns (codes E2E-…, dated 2026) and
  // registry records to the same database: the page counts them too, so they are added to the
  // seed's story here — nothing, when this spec runs alone on a fresh database.
  const db = e2eDb().$client;
  const added = db
    .prepare(
      `select coalesce(sum(t.subsidy_fen), 0) as s, coalesce(sum(t.gross_fen), 0) as g from redemption_totals t
       join batches b on b.id = t.batch_id join campaigns c on c.id = b.campaign_id
       where b.status = 'approved' and c.status = 'approved' and c.code like 'E2E-%'`,
    )
    .get() as { s: number; g: number };
  const seededAt = (db.prepare(`select max(created_at) as t from batches where code not like 'E2E-%'`).get() as { t: number }).t;
  const later = (table: "packages" | "events" | "actions") => (db.prepare(`select count(*) as n from ${table} where status = 'approved' and created_at > ?`).get(seededAt) as { n: number }).n;

  await page.goto("/");
  const figures = await headline(page);
  expect(figures.subsidyFen).toBe(283_000_000 + added.s);
  expect(figures.grossFen).toBe(21_523_800_000 + added.g);
  expect(figures.leverage).toBe(formatLeverage(21_523_800_000 + added.g, 283_000_000 + added.s));
  expect(figures.leverage).toBe("1 : 76");
  expect(figures.packages).toBe(327 + later("packages"));
  expect(figures.events).toBe(398 + later("events"));
  if (added.s === 0) await expect(page.getByTestId("headline-subsidy")).toHaveText("283.00 万元");
  if (added.g < 1_000_000) await expect(page.getByTestId("headline-gross")).toHaveText("2.15 亿元");
  await expect(page.getByTestId("headline-retail-sales")).toHaveText("1,254.90 亿元");
  await expect(page.getByTestId("headline-retail-sales-growth")).toHaveText("同比 +7.6%，全省第 1/16");
  await expect(page.getByTestId("headline-online-retail-sales")).toHaveText("151.40 亿元");
  await expect(page.getByTestId("headline-online-retail-sales-growth")).toHaveText("同比 +9.1%，全省第 5/16");
  // The gross figure is labelled as gross and explained, with the incremental estimates beside it.
  await expect(page.getByTestId("public-headline").getByRole("link", { name: "杠杆率怎么看" })).toHaveAttribute("href", "/leverage");
  const incremental = page.getByTestId("headline-incremental");
  await expect(incremental).toContainText("惠享菏泽·春节餐饮消费券（餐饮）");
  await expect(incremental).toContainText("惠享菏泽·商超零售消费券（粮油食品类）");
  // The ten actions (and any a spec added), nine counties and the unassigned merchants, six months of redemptions.
  await expect(page.getByTestId("public-actions").locator("ol > li")).toHaveCount(10 + later("actions"));
  await expect(page.getByTestId("public-actions").locator("ol > li h3").first()).toHaveText("1. 消费品以旧换新行动");
  await expect(page.getByTestId("public-counties").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("public-trend").locator("tbody tr").first()).toContainText("2025年1月");
  // Nothing about people on the page.
  const text = (await page.locator("body").textContent()) ?? "";
  for (const name of ["李经办", "王审核", "系统管理员", "oUpF8"]) expect(text).not.toContain(name);
});

test("after a new import into an approved batch the public figures change by exactly its amounts, and after its void they change back", async ({ browser, page }) => {
  const run = unique("").toUpperCase();
  const batchCode = `E2E-${run}-PUB`;
  const { batchId } = approvedCampaignWithBatch({ name: `e2e 公开页消费券 ${run}`, code: `E2E-${run}-PUBC`, capYuan: "100000", batchCode, faceValue: "50" });
  await page.goto("/");
  const before = await headline(page);

  // Three orders of 300, 260.5 and 1,000.01 yuan, 50 off each: S 150.00, G 1,560.51 yuan.
  const order = (i: number, orderFen: number) => ({ orderId: `${run}P${i}`, merchantId: "1900009931", merchantName: "e2e 公开页商户", payer: `oPub${run}`, time: `2026-06-0${i + 1} 12:00:00`, orderFen, voucherFen: 5_000 });
  const file = join(mkdtempSync(join(tmpdir(), "huimin-e2e-")), "bill.csv");
  writeFileSync(file, generateWechatBill({ rows: [order(1, 30_000), order(2, 26_050), order(3, 100_001)] }));
  const cli = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--batch", batchCode, "--format", "wechat", file], { encoding: "utf8", env: process.env });
  expect(cli.status, cli.stderr).toBe(0);
  expect(JSON.parse(cli.stdout.trim().split("\n").at(-1)!)).toMatchObject({ inserted: 3, subsidyFen: 15_000, grossFen: 156_051 });

  // Imported by another process: the next visit renders the page of the new data version.
  await page.goto("/");
  await expect(page.getByTestId("headline-subsidy")).toHaveAttribute("data-fen", String(before.subsidyFen + 15_000));
  await expect(page.getByTestId("headline-gross")).toHaveAttribute("data-fen", String(before.grossFen + 156_051));
  // The rest stays: the batch (and its vouchers issued) was there before; the ratio moves by less than its rounding.
  const after = await headline(page);
  expect({ ...after, subsidyFen: undefined, grossFen: undefined }).toEqual({ ...before, subsidyFen: undefined, grossFen: undefined });
  await page.goto("/en");
  await expect(page.getByTestId("headline-subsidy")).toHaveAttribute("data-fen", String(before.subsidyFen + 15_000));

  // The city manager voids the import on the batch page.
  const manager = await signedIn(browser, "manager");
  await manager.goto(`/registry/batches/${batchId}`);
  const row = manager.getByTestId("import-row").first();
  await row.getByLabel("作废原因").fill("e2e: public page check");
  await row.getByRole("button", { name: "作废此次导入" }).click();
  await expect(manager.getByTestId("import-row").first()).toContainText("已作废");

  await page.goto("/");
  await expect(page.getByTestId("headline-subsidy")).toHaveAttribute("data-fen", String(before.subsidyFen));
  await expect(page.getByTestId("headline-gross")).toHaveAttribute("data-fen", String(before.grossFen));
  expect(await headline(page)).toEqual(before);
});

test("the public pages come compressed once, with an ETag: Brotli or gzip as the browser asks, 304 for its own copy, a new ETag after the data changes", async ({ baseURL }) => {
  // Raw bytes, as sent (Node's http, which does not decompress).
  const raw = (path: string, headers: Record<string, string>, method = "GET") =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = get(new URL(path, baseURL), { headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
    });

  for (const path of ["/", "/en", "/open-data", "/en/open-data"]) {
    const plain = await raw(path, { "accept-encoding": "identity" });
    expect(plain.status, path).toBe(200);
    expect(plain.headers["content-encoding"], path).toBeUndefined();
    const html = plain.body.toString("utf8");
    expect(html, path).toContain("</html>");
    const etag = String(plain.headers["etag"]);
    expect(etag, path).toMatch(/^W\/"/);
    expect(plain.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect(plain.headers["vary"]).toBe("Accept-Encoding");
    // The page's own security headers come with it.
    expect(plain.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(plain.headers["content-security-policy"])).toContain("frame-ancestors 'none'");

    const br = await raw(path, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"], path).toBe("br");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(brotliDecompressSync(br.body).toString("utf8"), path).toBe(html);
    expect(br.body.length, path).toBeLessThan(plain.body.length / 4);

    const gz = await raw(path, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"], path).toBe("gzip");
    expect(gunzipSync(gz.body).toString("utf8"), path).toBe(html);
    expect(gz.headers["etag"], "one ETag for every encoding").toBe(etag);

    const revalidated = await raw(path, { "accept-encoding": "gzip", "if-none-match": etag });
    expect(revalidated.status, path).toBe(304);
    expect(revalidated.body.length).toBe(0);

    const head = await raw(path, { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(gz.headers["content-length"]);
  }

  // Any change to the figures moves the data version, so the page, and its ETag, are new.
  const before = String((await raw("/", {})).headers["etag"]);
  e2eDb().$client.prepare("update data_version set version = version + 1, changed_at = ? where id = 1").run(Date.now());
  const after = await raw("/", { "if-none-match": before });
  expect(after.status).toBe(200);
  expect(String(after.headers["etag"])).not.toBe(before);
});

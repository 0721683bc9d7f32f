// The effects page's estimate table exports as the page shows it: a campaign with a planted
// effect and a comparison group (made through the statement import and the baseline upload),
// its figures in exact yuan in CSV and XLSX; no table where the data are not enough, none for a
// reader outside the campaign's scope.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { writeTransaction } from "@/db/client";
import { sectors } from "@/db/schema";
import { toCsv, parseCsv } from "@/lib/csv/csv";
import { uploadBaseline } from "@/lib/effects/baseline";
import { baselineHeader } from "@/lib/effects/baseline-csv";
import { addDays } from "@/lib/effects/estimate";
import { getIncrementalEstimate } from "@/lib/effects/queries";
import { estimateTable } from "@/lib/effects/tables";
import { tableToCsv } from "@/lib/exports/csv";
import { exportText } from "@/lib/exports/table";
import { messagesFor } from "@/lib/i18n/messages";
import { importStatement } from "@/lib/imports/pipeline";
import { merchantDetailsSchema } from "@/lib/merchants/schema";
import { createMerchant } from "@/lib/merchants/service";
import { fenToYuanText, parseYuanToFen } from "@/lib/money/fen";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoArea, demoUser } from "@/lib/testing/demo";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { EXPORT_TABLES } from "./export-tables";
import { pageTableContext, type ReportsT, type TableContext } from "./tables";

// The batch is valid 2025-06-01 … 06-30; thirty days before it. Twelve merchants sell 300 yuan
// a day (varying by merchant and day), 50 yuan more while the vouchers run; the comparison
// group the same without the 50.
const db = await seededTestDb();
const { campaignId } = approvedVoucherBatch(db);
const staff = demoUser(db, "staff");
const manager = demoUser(db, "manager");
const catering = db.select().from(sectors).where(eq(sectors.code, "catering")).get()!;
const area = demoArea(db, "Mudan District");
const sales = (i: number, d: number) => 30_000 + ((i * 7 + d * 13) % 23) * 300;
const ids = writeTransaction(
  (tx) =>
    Array.from({ length: 12 }, (_, i) => {
      const input = merchantDetailsSchema.parse({ name: `导出餐馆${i + 1}`, sectorId: String(catering.id), areaId: String(area.id), channel: "wechat", channelMerchantId: String(1_800_000_000 + i) });
      createMerchant(tx, staff, input);
      return input.channelMerchantId!;
    }),
  db,
);
const orders: StatementOrder[] = [];
ids.forEach((merchantId, i) => {
  for (let d = -30; d < 30; d++) {
    const day = addDays("2025-06-01", d);
    const orderFen = sales(i, d) + (d >= 0 ? 5_000 : 0);
    orders.push({ orderId: `4201${String(i).padStart(3, "0")}${day.replaceAll("-", "")}`, merchantId, merchantName: `导出餐馆${i + 1}`, payer: `oExport${i}`, time: `${day} 12:00:00`, orderFen, voucherFen: d >= 0 ? 2_000 : 0 });
  }
});
orders.sort((a, b) => (a.time < b.time ? -1 : 1));
assert.ok((await importStatement(db, { batchCode: "HZ-CATER-W1", source: [generateWechatBill({ rows: orders })], fileName: "bill.csv", actor: { id: staff.id, name: staff.username } })).ok);

const translator = (namespace: string) => createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), namespace: namespace as "reports" }) as unknown as ReportsT;
const ctx = (user = manager): TableContext => ({ db, user, query: { period: { from: "2025-06-01", to: "2025-06-30" }, grain: "day" }, locale: "zh-CN", t: translator("reports"), tOf: translator });
const search = { campaign: String(campaignId) };

test("without a comparison group there is no estimate: no table on the page, the export not found", () => {
  const estimate = getIncrementalEstimate(manager, campaignId, { locale: "zh-CN" }, db)!;
  assert.equal(estimateTable(pageTableContext(ctx(), "effects"), estimate), null);
  assert.throws(() => EXPORT_TABLES.estimate!(ctx(), search), { code: "NOT_FOUND" });
});

test("the estimate exports as the page shows it, the increment and its interval in exact yuan", () => {
  const lines = [baselineHeader()];
  for (let k = 0; k < 12; k++) for (let d = -30; d < 30; d++) lines.push([`对照餐馆${k + 1}`, "371702", "餐饮", addDays("2025-06-01", d), fenToYuanText(sales(k + 3, d)), "未参与活动的餐饮商户"]);
  const text = toCsv(lines);
  assert.ok(uploadBaseline(db, { text, fileName: "baseline.csv", fileBytes: text.length, user: manager, actor: { id: manager.id, name: manager.username } }).ok);

  const estimate = getIncrementalEstimate(manager, campaignId, { locale: "zh-CN" }, db)!;
  assert.ok(estimate.result.ok, JSON.stringify(estimate.result));
  const page = estimateTable(pageTableContext(ctx(), "effects"), estimate)!;
  const exported = EXPORT_TABLES.estimate!(ctx(), search);
  assert.deepEqual(exported, page);
  assert.deepEqual(page.rows.map((r) => exportText(r[0]!)), ["增量消费（元）", "每家商户每日增量销售（元）", "每元补贴的增量消费（元）", "补贴支出 S（元）", "拉动消费 G（毛口径，元）"]);
  const csv = parseCsv(tableToCsv(exported, "zh-CN")).map((r) => r.cells);
  const r = estimate.result;
  assert.deepEqual([1, 2, 3].map((j) => parseYuanToFen(csv[1]![j]!)), [r.incrementalFen, r.incrementalLowFen, r.incrementalHighFen]);
  assert.deepEqual([1, 2, 3].map((j) => parseYuanToFen(csv[2]![j]!)), [r.perMerchantDayFen, r.lowFen, r.highFen]);
  assert.deepEqual([parseYuanToFen(csv[4]![1]!), parseYuanToFen(csv[5]![1]!)], [estimate.subsidyFen, estimate.grossFen]);
  // The planted 50 yuan a merchant-day lies within the interval.
  assert.ok(r.lowFen <= 5_000 && 5_000 <= r.highFen, `[${r.lowFen}, ${r.highFen}]`);
});

test("a county manager cannot export a city campaign's estimate; a narrowing that is not an id is refused", () => {
  assert.throws(() => EXPORT_TABLES.estimate!(ctx(demoUser(db, "caoxian.manager")), search), { code: "NOT_FOUND" });
  assert.throws(() => EXPORT_TABLES.estimate!(ctx(), { ...search, sector: "x" }), { code: "INVALID" });
  assert.throws(() => EXPORT_TABLES.estimate!(ctx(), {}), { code: "INVALID" });
});

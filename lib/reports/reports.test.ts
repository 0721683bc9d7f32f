// The reports on a known answer: one batch with a redemption in May and three in June (and a
// plain sale), packages and an event around them; June against May for 环比, a county manager
// who sees none of it, the trend by week, an import's rows with the payer masked — and every
// export table built by the same function as its page, written to CSV and XLSX to the fen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { strFromU8, unzipSync } from "fflate";
import { createTranslator } from "use-intl/core";
import type { Db } from "@/db/client";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { parseCsv } from "@/lib/csv/csv";
import { tableToCsv } from "@/lib/exports/csv";
import { exportText, type Cell, type ReportTable } from "@/lib/exports/table";
import { tableToXlsx } from "@/lib/exports/xlsx";
import { messagesFor } from "@/lib/i18n/messages";
import { importStatement } from "@/lib/imports/pipeline";
import { parseYuanToFen } from "@/lib/money/fen";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoArea, demoUser } from "@/lib/testing/demo";
import { registryFixtures } from "@/lib/testing/progress-fixtures";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { EXPORT_TABLES } from "./export-tables";
import { importRows, maskPayer, readableBatch, readableImport } from "./imports";
import { normaliseQuery, reportOverview, sumRows } from "./overview";
import { parseReportSearch, reportSearch, type ReportQuery } from "./report";
import { breakdownRows, breakdownTable, estimatesTable, importRowsTable, importsTable, merchantRankTable, overviewTable, trendPoints, trendTable, type ReportsT, type TableContext } from "./tables";

const db: Db = await seededTestDb();
const f = registryFixtures(db);
const { campaignId, batchId } = approvedVoucherBatch(db, "HZ-REP-A");
const actionId = Number((db.$client.prepare("select action_id from campaigns where id = ?").get(campaignId) as { action_id: number }).action_id);
f.pkg(actionId, { name: "六月政策包", startsOn: "2025-06-01", endsOn: "2025-06-30" });
f.pkg(actionId, { name: "五月政策包", startsOn: "2025-05-01", endsOn: "2025-05-31" });
f.pkg(actionId, { name: "未审核政策包", startsOn: "2025-06-01", endsOn: "2025-06-30" }, "submitted");
f.event(actionId, { name: "六月活动", startsOn: "2025-06-10", endsOn: "2025-06-12" });

const order = (id: string, merchantId: string, time: string, orderFen: number, voucherFen: number): StatementOrder => ({
  orderId: `42000${id}`, merchantId, merchantName: `商户${merchantId.slice(-3)}`, payer: `oUpF8${id}payer`, time, orderFen, voucherFen,
});
async function load(rows: StatementOrder[]) {
  const outcome = await importStatement(db, { batchCode: "HZ-REP-A", source: [generateWechatBill({ rows })], fileName: "bill.csv", actor: SYSTEM_ACTOR });
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.problems));
  return outcome;
}
await load([order("0001", "1900000401", "2025-05-20 12:00:00", 15_000, 2_000)]);
const june = await load([
  order("0002", "1900000401", "2025-06-01 12:00:00", 12_000, 2_000),
  order("0003", "1900000402", "2025-06-02 12:00:00", 30_000, 2_000),
  order("0004", "1900000402", "2025-06-09 12:00:00", 10_000, 2_000),
  order("0005", "1900000402", "2025-06-02 13:00:00", 5_000, 0),
]);
const juneImportId = june.ok ? june.importId! : 0;

const manager = demoUser(db, "manager");
const county = demoUser(db, "caoxian.manager");
const staff = demoUser(db, "staff");
const t = createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), namespace: "reports" }) as unknown as ReportsT;
const JUNE = { from: "2025-06-01", to: "2025-06-30" };
const query = (over: Partial<ReportQuery> = {}): ReportQuery => ({ period: JUNE, grain: "day", ...over });
const ctx = (user = manager, q = query()): TableContext => ({ db, user, query: q, locale: "zh-CN", t, tOf: (namespace) => createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), namespace }) as unknown as ReportsT });

test("the overview of June against May: S, G, co-payment, redemptions, budget, packages and events", () => {
  const { current, previous } = reportOverview(db, manager, query());
  assert.deepEqual(previous.period, { from: "2025-05-01", to: "2025-05-31" });
  assert.deepEqual(
    [current.hasData, current.redemptions, current.subsidyFen, current.grossFen, current.copayFen, current.packages, current.events],
    [true, 3, 6_000, 52_000, 46_000, 1, 1],
  );
  assert.deepEqual([previous.hasData, previous.redemptions, previous.subsidyFen, previous.grossFen, previous.packages, previous.events], [true, 1, 2_000, 15_000, 1, 0]);
  assert.deepEqual([current.issued, current.claimed, current.redemptionRate], [5_000, null, { ofClaimed: null, ofIssued: 1 }]);
  // The cap is 100,000 yuan; 80 yuan spent through June 30, 20 through May 31.
  assert.deepEqual(current.budget, { budgetCapFen: 10_000_000, budgetUsedTenths: 1, warn: false, overCap: false, subsidyThroughFen: 8_000 });
  assert.equal(previous.budget?.subsidyThroughFen, 2_000);
});

test("the overview table: 环比 of amounts, of the gross and co-payment leverage, no data where nothing is known", () => {
  const table = overviewTable(ctx());
  const cells = table.rows.map((r) => r.map(exportText));
  assert.deepEqual(cells[0], ["补贴支出 S（元）", "60.00", "20.00", "+200.0%"]);
  assert.deepEqual(cells[1], ["拉动消费 G（元）", "520.00", "150.00", "+246.7%"]);
  assert.deepEqual(cells[3], ["毛杠杆", "1 : 8.7", "1 : 7.5", "+15.6%"]);
  assert.deepEqual(cells[5], ["核销笔数", "3", "1", "+200.0%"]);
  assert.deepEqual(cells[6], ["核销率（占领取）", "", "", ""], "no claimed count: no rate, not 0 %");
  assert.deepEqual(cells[8], ["政策包（已审核、期内）", "1", "1", "0.0%"]);
  // The year before: nothing imported, so no data (and no change) rather than 0.
  const empty = overviewTable(ctx(manager, query({ period: { from: "2024-06-01", to: "2024-06-30" } }))).rows.map((r) => r.map(exportText));
  assert.deepEqual(empty[0], ["补贴支出 S（元）", "", "", ""]);
  assert.deepEqual(empty[3], ["毛杠杆", "", "", ""]);
});

test("scope: a county manager sees none of a city batch and may not choose another area; staff see their own", () => {
  assert.equal(reportOverview(db, county, query()).current.hasData, false);
  assert.equal(reportOverview(db, county, query()).current.packages, 0);
  assert.equal(readableImport(db, county, juneImportId), null);
  assert.equal(readableBatch(db, county, batchId), null);
  assert.ok(readableImport(db, manager, juneImportId));
  assert.equal(reportOverview(db, staff, query()).current.subsidyFen, 6_000);
  const elsewhere = demoArea(db, "Mudan District").id;
  assert.equal(normaliseQuery(db, county, query({ areaId: elsewhere })).areaId, undefined);
  assert.equal(normaliseQuery(db, manager, query({ areaId: elsewhere })).areaId, elsewhere);
  // Merchants first seen in a statement have no area: none of their spending is in 牡丹区.
  assert.equal(reportOverview(db, manager, query({ areaId: elsewhere })).current.hasData, false);
});

test("search parameters: a bad period falls back, ids are positive integers", () => {
  const fallback = { from: "2025-01-01", to: "2025-12-31" };
  assert.deepEqual(parseReportSearch({ from: "2025-06-01", to: "2025-06-30", action: "3", area: "x" }, fallback), { period: JUNE, areaId: undefined, actionId: 3, campaignId: undefined, batchId: undefined, grain: "day" });
  assert.deepEqual(parseReportSearch({ from: "2025-06-30", to: "2025-06-01" }, fallback).period, fallback);
  assert.deepEqual(parseReportSearch({ from: "2025-02-30", to: "2025-03-01", grain: "week" }, fallback), { period: fallback, areaId: undefined, actionId: undefined, campaignId: undefined, batchId: undefined, grain: "week" });
});

test("search parameters of the drill-down: a sector (or none), a channel, a merchant; a value naming nothing is refused", () => {
  const fallback = { from: "2025-01-01", to: "2025-12-31" };
  const merchantId = breakdownRows(ctx(), "merchant")[0]!.id!;
  const sectorId = Number((db.$client.prepare("select id from sectors order by position limit 1").get() as { id: number }).id);
  const parsed = parseReportSearch({ ...JUNE, sector: String(sectorId), channel: "wechat", merchant: String(merchantId), campaign: String(campaignId) }, fallback);
  assert.deepEqual(parsed, { period: JUNE, areaId: undefined, actionId: undefined, campaignId, batchId: undefined, grain: "day", sectorId, channel: "wechat", merchantId });
  assert.equal(normaliseQuery(db, manager, parsed).invalid, undefined);
  assert.equal(parseReportSearch({ sector: "none" }, fallback).sectorId, null);
  assert.equal(parseReportSearch({ sector: "" }, fallback).invalid, undefined, "an empty field is no filter");
  assert.equal(parseReportSearch({ sector: "abc" }, fallback).invalid, "sector");
  assert.equal(parseReportSearch({ channel: "paypal" }, fallback).invalid, "channel");
  assert.equal(parseReportSearch({ merchant: "-3" }, fallback).invalid, "merchant");
  assert.equal(normaliseQuery(db, manager, query({ sectorId: 999_999 })).invalid, "sector");
  assert.equal(normaliseQuery(db, manager, query({ merchantId: 999_999 })).invalid, "merchant");
  // The export route re-parses the page's own search: every parameter comes back as it was.
  for (const q of [parsed, query({ sectorId: null, channel: "alipay", areaId: demoArea(db, "Mudan District").id, grain: "week" })]) {
    const plain = (x: ReportQuery) => JSON.parse(JSON.stringify(x)) as unknown;
    assert.deepEqual(plain(parseReportSearch(Object.fromEntries(new URLSearchParams(reportSearch(q))), fallback)), plain(q));
  }
});

test("every row of the sector, channel, area and merchant breakdowns leads one level down, and the figures there sum to it", () => {
  const hrefOf = (row: Cell[]) => (row[0] as { href?: string }).href;
  const [sectorRow] = breakdownTable(ctx(), "sectors").rows;
  // The demo's statement merchants have no sector: their row leads to sector=none.
  assert.match(hrefOf(sectorRow!)!, /^\/reports\/campaigns\?from=2025-06-01&to=2025-06-30&sector=none$/);
  assert.match(hrefOf(breakdownTable(ctx(), "channels").rows[0]!)!, /^\/reports\/batches\?from=2025-06-01&to=2025-06-30&channel=wechat$/);
  const merchantId = breakdownRows(ctx(), "merchant")[0]!.id!;
  assert.equal(hrefOf(breakdownTable(ctx(), "merchants").rows[0]!), `/reports/batches?from=2025-06-01&to=2025-06-30&merchant=${merchantId}`);
  // A campaign chosen already: a sector leads to its batches; a batch chosen: a channel to its imports.
  assert.match(hrefOf(breakdownTable(ctx(manager, query({ campaignId })), "sectors").rows[0]!)!, new RegExp(`^/reports/batches\\?.*campaign=${campaignId}&sector=none$`));
  assert.match(hrefOf(breakdownTable(ctx(manager, query({ batchId })), "channels").rows[0]!)!, new RegExp(`^/reports/imports\\?.*batch=${batchId}&channel=wechat$`));
  // Merchants without an area are no filter; a county a manager may not choose is no link.
  assert.deepEqual(breakdownTable(ctx(), "areas").rows.map(hrefOf), [undefined]);
  // The drilled page's figures: the sector row's campaigns (and batches) sum to it, to the fen.
  const sectorFigures = breakdownRows(ctx(), "sector")[0]!;
  for (const by of ["campaign", "batch", "merchant", "day"] as const) {
    const below = breakdownRows(ctx(manager, query({ sectorId: null })), by);
    assert.deepEqual([sumRows(below).subsidyFen, sumRows(below).grossFen, sumRows(below).redemptions], [sectorFigures.subsidyFen, sectorFigures.grossFen, sectorFigures.redemptions], by);
  }
  const merchantBatches = breakdownRows(ctx(manager, query({ merchantId })), "batch");
  assert.deepEqual(merchantBatches.map((r) => [r.code, r.grossFen]), [["HZ-REP-A", breakdownRows(ctx(), "merchant")[0]!.grossFen]]);
  // Narrowed to a sector, the overview gives no budget use (the caps are whole campaigns').
  assert.equal(reportOverview(db, manager, query({ sectorId: null })).current.budget, null);
  assert.equal(reportOverview(db, manager, query({ sectorId: null })).current.subsidyFen, 6_000);
});

test("breakdowns drill one level down and total at the foot; the trend by day and by ISO week", () => {
  const actions = breakdownTable(ctx(), "actions");
  assert.equal(actions.rows.length, 1);
  assert.match((actions.rows[0]![0] as { href: string }).href, new RegExp(`^/reports/campaigns\\?from=2025-06-01&to=2025-06-30&action=${actionId}$`));
  const batches = breakdownTable(ctx(manager, query({ campaignId })), "batches");
  assert.deepEqual(batches.rows[0]!.map(exportText), ["HZ-REP-A", "餐饮消费券", "微信支付", "满 100 减 20", "≥ 1 : 5", "3", "60.00", "520.00", "460.00", "1 : 8.7", "1 : 7.7", ""]);
  assert.match((batches.rows[0]![0] as { href: string }).href, new RegExp(`^/reports/imports\\?.*batch=${batchId}`));
  assert.deepEqual(trendPoints(ctx()).map((p) => [p.key, p.subsidyFen, p.grossFen]), [["2025-06-01", 2_000, 12_000], ["2025-06-02", 2_000, 30_000], ["2025-06-09", 2_000, 10_000]]);
  assert.deepEqual(trendPoints(ctx(manager, query({ grain: "week" }))).map((p) => [p.key, p.redemptions, p.grossFen]), [["2025-05-26", 1, 12_000], ["2025-06-02", 1, 30_000], ["2025-06-09", 1, 10_000]]);
  const merchants = merchantRankTable(ctx(), "bottom");
  assert.deepEqual(merchants.rows.map((r) => exportText(r[0]!)), ["1900000401", "1900000402"], "least spending first");
});

test("an import's rows: paged from the import's index, the payer masked to four characters", () => {
  const { rows, total } = importRows(db, juneImportId, 1);
  assert.equal(total, 4);
  assert.deepEqual(rows.map((r) => [r.number, r.orderId, r.payerMasked, r.orderFen, r.voucherFen]), [
    [1, "420000002", "oUpF…", 12_000, 2_000],
    [2, "420000003", "oUpF…", 30_000, 2_000],
    [3, "420000004", "oUpF…", 10_000, 2_000],
    [4, "420000005", "oUpF…", 5_000, 0],
  ]);
  assert.equal(importRows(db, juneImportId, 2).rows.length, 0);
  assert.equal(maskPayer("abc"), "a…");
  assert.equal(maskPayer(null), null);
});

/** A table without the import rows' count of all rows (the page's pager reads it). */
function withoutTotal(table: ReportTable & { total?: number }): ReportTable {
  const copy: ReportTable & { total?: number } = { ...table };
  delete copy.total;
  return copy;
}

/** The sheet's cells in order, row by row, as text (inline strings unescaped, numbers as written). */
function xlsxRows(bytes: Uint8Array): string[][] {
  const xml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]!);
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(.*?)<\/c>/g)].reduce<string[]>((cells, m) => {
      const index = m[1]!.charCodeAt(0) - 65;
      while (cells.length < index) cells.push("");
      cells.push(unescape(/<v>(.*?)<\/v>/.exec(m[2]!)?.[1] ?? /<t xml:space="preserve">(.*?)<\/t>/.exec(m[2]!)?.[1] ?? ""));
      return cells;
    }, []),
  );
}

test("every export table is its page's table, and its CSV and XLSX hold the page's figures to the fen", () => {
  const c = ctx(manager, query({ campaignId }));
  const search = { batch: String(batchId), import: String(juneImportId) };
  const pageTables: Record<string, ReportTable> = {
    overview: overviewTable(c),
    actions: breakdownTable(c, "actions"),
    campaigns: breakdownTable(c, "campaigns"),
    batches: breakdownTable(c, "batches"),
    areas: breakdownTable(c, "areas"),
    sectors: breakdownTable(c, "sectors"),
    channels: breakdownTable(c, "channels"),
    merchants: breakdownTable(c, "merchants"),
    "merchants-top": merchantRankTable(c, "top"),
    "merchants-bottom": merchantRankTable(c, "bottom"),
    trend: trendTable(c),
    estimates: estimatesTable(c),
    imports: importsTable(c, readableBatch(db, manager, batchId)!),
    // The page shows a hundred rows at a time; the export has them all (here: fewer than a hundred).
    "import-rows": withoutTotal(importRowsTable(c, juneImportId, 1)),
  };
  // The tables of the anomaly, indicator and effects pages: lib/reports/export-pages.test.ts and export-estimate.test.ts.
  const otherPages = ["anomaly-flags", "anomaly-rows", "indicator-months-retailSales", "indicator-months-onlineRetailSales", "estimate", "baseline-uploads"];
  assert.deepEqual(Object.keys(EXPORT_TABLES).sort(), [...Object.keys(pageTables), ...otherPages].sort());
  for (const [id, build] of Object.entries(EXPORT_TABLES).filter(([id]) => !otherPages.includes(id))) {
    const exported = build(c, search);
    assert.deepEqual(withoutTotal(exported), pageTables[id], id);
    const body = [...exported.rows, ...(exported.foot ?? [])];
    const csv = parseCsv(tableToCsv(exported, "zh-CN")).map((r) => r.cells).slice(1);
    const xlsx = xlsxRows(tableToXlsx(exported, "zh-CN")).slice(1);
    assert.equal(csv.length, body.length, id);
    body.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (cell.kind === "money") {
          assert.equal(parseYuanToFen(csv[i]![j]!), cell.fen, `${id} csv ${i},${j}`);
          assert.equal(parseYuanToFen(xlsx[i]![j]!), cell.fen, `${id} xlsx ${i},${j}`);
        } else if (cell.kind === "text" || cell.kind === "ratio") {
          assert.equal(xlsx[i]![j], cell.value, `${id} xlsx ${i},${j}`);
        }
      }),
    );
  }
  assert.ok(pageTables.batches!.rows.length > 0 && pageTables["import-rows"]!.rows.length === 4);
});

// The tables of the pages beside the reports — the anomaly review list and a flag's rows, the
// retail-indicators month tables, the baseline uploads — export through the reports' route:
// each export is its page's table (built by the same function), its CSV and XLSX hold the
// page's figures to the fen, payers stay masked, and a reader outside a flag's scope gets nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { strFromU8, unzipSync } from "fflate";
import { createTranslator } from "use-intl/core";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import { refreshAnomalies } from "@/lib/anomalies/refresh";
import { flagListTable, flagRowsTable } from "@/lib/anomalies/tables";
import { getFlagForUser, maskPayer, parseFlagQuery } from "@/lib/anomalies/queries";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { parseCsv } from "@/lib/csv/csv";
import { uploadBaseline } from "@/lib/effects/baseline";
import { baselineUploadsTable } from "@/lib/effects/tables";
import { tableToCsv } from "@/lib/exports/csv";
import { displayText, exportText, type ReportTable } from "@/lib/exports/table";
import { tableToXlsx } from "@/lib/exports/xlsx";
import { messagesFor } from "@/lib/i18n/messages";
import { importStatement } from "@/lib/imports/pipeline";
import { loadAreaIndicators } from "@/lib/indicators/summary";
import { indicatorMonthsTable } from "@/lib/indicators/tables";
import { parseYuanToFen } from "@/lib/money/fen";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { registryFixtures } from "@/lib/testing/progress-fixtures";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { EXPORT_TABLES } from "./export-tables";
import { pageTableContext, TABLE_NAMESPACES, type ReportsT, type TableContext, type TableNamespace } from "./tables";

const db: Db = await seededTestDb();

// A city batch where one payer redeems eight vouchers (the repeat-payer rule's default limit is five).
const { batchId } = approvedVoucherBatch(db, "EXP-FLAG");
const PAYER = "oExportRepeat8";
let serial = 0;
const order = (payer: string, orderFen: number, more: Partial<StatementOrder> = {}): StatementOrder => {
  serial++;
  return { orderId: `4200EXP${String(serial).padStart(8, "0")}`, merchantId: `19200000${String(serial % 5).padStart(2, "0")}`, payer, time: `2025-06-${String(1 + (serial % 28)).padStart(2, "0")} 12:00:00`, orderFen, voucherFen: 2_000, ...more };
};
const rows: StatementOrder[] = [];
for (let i = 0; i < 8; i++) rows.push(order(PAYER, 12_001 + i * 1_003, i === 0 ? { refund: { fen: 3_000, voucherFen: 500 } } : {}));
for (let i = 0; i < 20; i++) rows.push(order(`oPlain${i}`, 13_000 + i * 700));
const outcome = await importStatement(db, { batchCode: "EXP-FLAG", source: [generateWechatBill({ rows })], format: "wechat", fileName: "flags.csv", actor: SYSTEM_ACTOR });
assert.ok(outcome.ok, JSON.stringify(outcome));
refreshAnomalies(db, batchId);
const flagId = (db.$client.prepare(`select id from anomaly_flags where batch_id = ? and subject = ?`).pluck().get(batchId, PAYER) as number | undefined)!;

// The city's published 1–6月 beside two demonstration figures, recorded and approved like any record.
const city = db.select().from(areas).all().find((a) => a.parentId === null)!;
const f = registryFixtures(db);
const indicator = (raw: Record<string, string>) => f.make("indicator", { subjectAreaId: String(city.id), year: "2025", indicator: "retailSales", ...raw });
indicator({ periodKind: "cumulative", month: "5", value: "1028.6", yoy: "+7.5", rank: "1", rankOf: "16", source: "演示数据", demo: "on" });
indicator({ periodKind: "month", month: "6", value: "226.3", yoy: "+8.0", source: "演示数据", demo: "on" });
indicator({ periodKind: "cumulative", month: "6", value: "1254.9", yoy: "+7.6", rank: "1", rankOf: "16", source: "搜狐财经 2025-08-23", publishedOn: "2025-08-23" });
indicator({ indicator: "onlineRetailSales", periodKind: "cumulative", month: "6", value: "151.4", yoy: "+9.1", rank: "5", rankOf: "16", source: "搜狐财经 2025-08-23", publishedOn: "2025-08-23" });

// A baseline file, uploaded by staff.
const staff = demoUser(db, "staff");
const baseline = ["商户（merchant）,地区（area）,行业（sector）,日期（date）,销售额（元）（sales）,对照组（group）", "对照餐馆一,371702,餐饮,2025-05-01,3280.50,未参与活动的餐饮商户"].join("\r\n");
assert.ok(uploadBaseline(db, { text: baseline, fileName: "=cmd|' /C calc'!A0.csv", fileBytes: Buffer.byteLength(baseline), user: staff, actor: { id: staff.id, name: staff.username } }).ok);

const translator = (namespace: "reports" | TableNamespace) => createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), namespace }) as unknown as ReportsT;
const manager = demoUser(db, "manager");
const county = demoUser(db, "caoxian.manager");
const ctx = (user = manager): TableContext => ({
  db,
  user,
  query: { period: { from: "2025-06-01", to: "2025-06-30" }, grain: "day" },
  locale: "zh-CN",
  t: translator("reports"),
  tOf: (namespace) => translator(namespace),
});
const JUNE = { areaId: city.id, year: 2025, month: 6 };
const indicatorSearch = { area: String(city.id), year: "2025", month: "6" };

/** The page's table of each id (page one of the paged ones: here every row fits on it). */
function pageTables(user = manager): Record<string, ReportTable> {
  const c = ctx(user);
  const summaries = loadAreaIndicators(db, JUNE).indicators;
  const indicatorTable = (i: number) => indicatorMonthsTable(pageTableContext(c, "indicators"), city.nameZh, JUNE, summaries[i]!);
  return {
    "anomaly-flags": flagListTable(pageTableContext(c, "anomalies"), parseFlagQuery({ batch: String(batchId) }), 1),
    "anomaly-rows": flagRowsTable(pageTableContext(c, "anomalies"), getFlagForUser(user, flagId, db)!.flag, 1),
    "indicator-months-retailSales": indicatorTable(0),
    "indicator-months-onlineRetailSales": indicatorTable(1),
    "baseline-uploads": baselineUploadsTable(pageTableContext(c, "effects")),
  };
}
const SEARCH = { batch: String(batchId), flag: String(flagId), ...indicatorSearch };

/** The table's data only (a builder may hand the page more, e.g. its paging). */
const data = ({ id, title, caption, columns, rows, foot }: ReportTable): ReportTable => ({ id, title, caption, columns, rows, ...(foot ? { foot } : {}) });

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

/** An amount in 亿元 as exact text back to fen: "1254.9" → 12,549,000,000,000. */
const yiToFen = (text: string) => {
  const [whole, decimals = ""] = text.split(".");
  return Number(BigInt(whole!) * 10_000_000_000n + BigInt(decimals.padEnd(10, "0")));
};

test("every table of the anomaly, indicator and effects pages exports as its page shows it, its files holding the page's figures to the fen", () => {
  const pages = pageTables();
  const c = ctx();
  for (const [id, page] of Object.entries(pages)) {
    assert.ok(page.rows.length > 0, `${id} has rows`);
    const exported = EXPORT_TABLES[id]!(c, SEARCH);
    assert.deepEqual(data(exported), data(page), id);
    const csv = parseCsv(tableToCsv(exported, "zh-CN")).map((r) => r.cells);
    const xlsx = xlsxRows(tableToXlsx(exported, "zh-CN"));
    assert.equal(csv.length, exported.rows.length + 1, id);
    exported.rows.forEach((row, i) =>
      row.forEach((cell, j) => {
        const [fromCsv, fromXlsx] = [csv[i + 1]![j]!, xlsx[i + 1]![j] ?? ""];
        if (cell.kind === "money") {
          assert.equal(parseYuanToFen(fromCsv), cell.fen, `${id} csv ${i},${j}`);
          assert.equal(parseYuanToFen(fromXlsx), cell.fen, `${id} xlsx ${i},${j}`);
        } else if (cell.kind === "yi") {
          assert.equal(yiToFen(fromCsv), cell.fen, `${id} csv ${i},${j}`);
          assert.equal(yiToFen(fromXlsx), cell.fen, `${id} xlsx ${i},${j}`);
        } else if (cell.kind === "count") {
          assert.equal(Number(fromCsv), cell.value, `${id} csv ${i},${j}`);
          assert.equal(Number(fromXlsx), cell.value, `${id} xlsx ${i},${j}`);
        } else if (cell.kind === "text" || cell.kind === "ratio") {
          assert.equal(fromXlsx, cell.value, `${id} xlsx ${i},${j}`);
        }
      }),
    );
  }
});

test("the flag's figures: its eight rows, the refund, and the list's subsidy and orders, as the page shows them", () => {
  const pages = pageTables();
  const [list, flagRows] = [pages["anomaly-flags"]!, pages["anomaly-rows"]!];
  const flag = list.rows.find((r) => exportText(r[0]!).startsWith(`#${flagId} `))!;
  // 8 × 20 yuan of vouchers less the 5 yuan refunded; orders 8 × 120.01 + 1,003 × (0 + … + 7) fen less 30 yuan refunded.
  const orders = 8 * 12_001 + 1_003 * 28 - 3_000;
  assert.deepEqual(flag.slice(5, 8).map(exportText), ["8", "155.00", (orders / 100).toFixed(2)]);
  assert.deepEqual(flag.slice(5, 8).map(displayText), ["8", "155.00", (orders / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })]);
  assert.equal(flagRows.rows.length, 8);
  assert.equal(flagRows.rows.filter((r) => r[6]!.kind === "money").length, 1, "one refunded row");
  const csv = tableToCsv(EXPORT_TABLES["anomaly-rows"]!(ctx(), SEARCH), "zh-CN");
  assert.equal(parseCsv(csv).map((r) => r.cells).slice(1).reduce((s, r) => s + parseYuanToFen(r[5]!)!, 0), 8 * 2_000, "the vouchers of the export add up");
});

test("payers are masked in the exports exactly as on the page: the list's subject and every row", () => {
  const pages = pageTables();
  for (const id of ["anomaly-flags", "anomaly-rows"]) {
    const exported = EXPORT_TABLES[id]!(ctx(), SEARCH);
    const files = [tableToCsv(exported, "zh-CN"), strFromU8(unzipSync(tableToXlsx(exported, "zh-CN"))["xl/worksheets/sheet1.xml"]!)];
    for (const file of files) {
      assert.ok(!file.includes(PAYER), `${id}: the payer id is not in the file`);
      assert.ok(file.includes(maskPayer(PAYER)), `${id}: the masked payer is`);
    }
  }
  assert.deepEqual(
    pages["anomaly-rows"]!.rows.map((r) => exportText(r[3]!)),
    Array.from({ length: 8 }, () => "oExp…"),
  );
  assert.ok(pages["anomaly-flags"]!.rows.some((r) => exportText(r[3]!) === "付款人 oExp…"));
});

test("a county manager cannot export a city batch's flag or its rows; the list exports none of them", () => {
  const c = ctx(county);
  assert.throws(() => EXPORT_TABLES["anomaly-rows"]!(c, SEARCH), { code: "NOT_FOUND" });
  assert.equal(EXPORT_TABLES["anomaly-flags"]!(c, {}).rows.length, 0);
  assert.equal(EXPORT_TABLES["anomaly-flags"]!(c, { batch: String(batchId) }).rows.length, 0);
  // A county staff member neither.
  assert.throws(() => EXPORT_TABLES["anomaly-rows"]!(ctx(demoUser(db, "caoxian.staff")), SEARCH), { code: "NOT_FOUND" });
  assert.throws(() => EXPORT_TABLES["anomaly-rows"]!(ctx(), { flag: "x" }), { code: "INVALID" });
  assert.throws(() => EXPORT_TABLES["anomaly-rows"]!(ctx(), { flag: "999999" }), { code: "NOT_FOUND" });
});

test("the indicators export is the panel's: the published 1–6月 exact, the demonstration figures named; an area the panel does not show is not found", () => {
  const exported = EXPORT_TABLES["indicator-months-retailSales"]!(ctx(), indicatorSearch);
  const csv = parseCsv(tableToCsv(exported, "zh-CN")).map((r) => r.cells);
  assert.deepEqual(csv[0], ["月份", "本月（亿元）", "本月同比", "1–本月（亿元）", "累计同比", "全省排名", "演示数据"]);
  assert.deepEqual(csv.slice(1), [
    ["5月", "", "", "1028.6", "+7.5%", "1/16", "累计"],
    ["6月", "226.3", "+8.0%", "1254.9", "+7.6%", "1/16", "本月"],
  ]);
  assert.deepEqual(exported.rows[1]!.map(displayText), ["6月", "226.30", "+8.0%", "1,254.90", "+7.6%", "1/16", "本月"]);
  // Published statistics: every reader sees every area's, on the panel and in its files.
  assert.deepEqual(data(EXPORT_TABLES["indicator-months-retailSales"]!(ctx(county), indicatorSearch)), data(exported));
  const zone = db.select().from(areas).all().find((a) => a.level === "zone")!;
  assert.throws(() => EXPORT_TABLES["indicator-months-retailSales"]!(ctx(county), { ...indicatorSearch, area: String(zone.id) }), { code: "NOT_FOUND" });
  assert.throws(() => EXPORT_TABLES["indicator-months-retailSales"]!(ctx(), { ...indicatorSearch, area: "999999" }), { code: "NOT_FOUND" });
  assert.throws(() => EXPORT_TABLES["indicator-months-retailSales"]!(ctx(), { ...indicatorSearch, month: "13" }), { code: "INVALID" });
});

test("a formula in a file name is text in both files, and the translators cover each page's namespace", () => {
  const exported = EXPORT_TABLES["baseline-uploads"]!(ctx(), {});
  const csv = parseCsv(tableToCsv(exported, "zh-CN")).map((r) => r.cells);
  assert.equal(csv[1]![0], "'=cmd|' /C calc'!A0.csv");
  assert.equal(xlsxRows(tableToXlsx(exported, "zh-CN"))[1]![0], "=cmd|' /C calc'!A0.csv");
  assert.deepEqual([...TABLE_NAMESPACES].sort(), ["anomalies", "effects", "indicators"]);
});

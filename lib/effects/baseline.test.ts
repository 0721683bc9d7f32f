// The baseline upload as staff meet it: a file lands whole or not at all, every refused line
// is told with its line, column and reason, and the same content twice counts once.
import { test } from "node:test";
import assert from "node:assert/strict";
import iconv from "iconv-lite";
import type { Db } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/log";
import { decodeCsvBytes } from "@/lib/registry/csv-upload";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { uploadBaseline, voidBaselineUpload, baselineTemplate } from "./baseline";
import { toCsv } from "@/lib/csv/csv";

const db: Db = await seededTestDb();
const staff = demoUser(db, "staff");
const caoxianStaff = demoUser(db, "caoxian.staff");
const manager = demoUser(db, "manager");
const auditor = demoUser(db, "auditor");
const as = (user: typeof staff) => ({ user, actor: { id: user.id, name: user.username } });
const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
const upload = (text: string, user = staff, fileName = "baseline.csv") => uploadBaseline(db, { text, fileName, fileBytes: Buffer.byteLength(text), ...as(user) });

const GOOD = [
  "商户（merchant）,地区（area）,行业（sector）,日期（date）,销售额（元）（sales）,对照组（group）",
  "对照餐馆一,371702,餐饮,2025-05-01,3280.50,未参与活动的餐饮商户",
  "对照餐馆一,牡丹区,catering,2025/5/2,\"1,200\",未参与活动的餐饮商户",
  ",曹县,粮油食品类,2025-05,1250000.00,曹县限上超市合计",
].join("\r\n");

test("a good file: every line saved with the upload, in fen, days and months apart; audited", () => {
  const outcome = upload(GOOD);
  assert.ok(outcome.ok && !outcome.alreadyUploaded);
  assert.equal(outcome.rows, 3);
  const rows = db.$client.prepare(`select line, merchant, granularity, period, sales_fen as salesFen, group_label as grp from baseline_sales where upload_id = ? order by line`).all(outcome.uploadId);
  assert.deepEqual(rows, [
    { line: 2, merchant: "对照餐馆一", granularity: "day", period: "2025-05-01", salesFen: 328_050, grp: "未参与活动的餐饮商户" },
    { line: 3, merchant: "对照餐馆一", granularity: "day", period: "2025-05-02", salesFen: 120_000, grp: "未参与活动的餐饮商户" },
    { line: 4, merchant: null, granularity: "month", period: "2025-05", salesFen: 125_000_000, grp: "曹县限上超市合计" },
  ]);
  const audit = db.$client.prepare(`select actor_name as actor, outcome, after from audit_log where action = 'baseline.upload' order by id desc limit 1`).get() as { actor: string; outcome: string; after: string };
  assert.equal(audit.actor, "staff");
  assert.equal(JSON.parse(audit.after).rows, 3);
  assert.equal(verifyAuditChain(db).intact, true);
});

test("the same content again — as UTF-8 with a BOM or as GBK — adds nothing and says so", () => {
  const before = count(`select count(*) as n from baseline_sales`);
  const again = upload(GOOD, staff, "again.csv");
  assert.ok(again.ok && again.alreadyUploaded);
  for (const bytes of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD)]), iconv.encode(GOOD, "gbk")]) {
    const decoded = decodeCsvBytes(new Uint8Array(bytes));
    assert.ok(decoded.ok);
    const outcome = upload(decoded.text);
    assert.ok(outcome.ok && outcome.alreadyUploaded && outcome.uploadId === again.uploadId);
  }
  assert.equal(count(`select count(*) as n from baseline_sales`), before);
  assert.equal(count(`select count(*) as n from baseline_uploads`), 1);
});

test("a file with bad lines: nothing saved, every problem with its line, column and reason", () => {
  const before = count(`select count(*) as n from baseline_sales`);
  const text = [
    "merchant,area,sector,date,sales,group",
    "甲,371702,餐饮,2025-05-01,100.00,对照组",
    "乙,火星,餐饮,2025-05-01,100.00,对照组",
    "丙,371702,航天,2025-05-01,100.00,对照组",
    "丁,371702,餐饮,2025-02-30,100.00,对照组",
    "戊,371702,餐饮,2025-05-01,12.345,对照组",
    "己,371702,餐饮,2025-05-01,-5,对照组",
    "甲,371702,餐饮,2025-05-01,99.00,对照组",
    "庚,,餐饮,,100.00,对照组",
  ].join("\n");
  const outcome = upload(text);
  assert.ok(!outcome.ok);
  assert.deepEqual(outcome.problems, [
    { line: 3, column: "area", key: "unknownArea", value: "火星" },
    { line: 4, column: "sector", key: "unknownSector", value: "航天" },
    { line: 5, column: "date", key: "dateFormat", value: "2025-02-30" },
    { line: 6, column: "sales", key: "amountFormat", value: "12.345" },
    { line: 7, column: "sales", key: "amountNegative", value: "-5" },
    { line: 8, column: null, key: "duplicateLine", value: "2" },
    { line: 9, column: "area", key: "required", value: undefined },
    { line: 9, column: "date", key: "required", value: undefined },
  ]);
  assert.equal(count(`select count(*) as n from baseline_sales`), before);
});

test("headers: a missing or unknown column refuses the file at line 1", () => {
  const outcome = upload("商户,地区,日期,销售额,备注\n甲,371702,2025-05-01,1.00,x");
  assert.ok(!outcome.ok);
  assert.deepEqual(outcome.problems, [
    { line: 1, column: null, key: "unknownColumn", value: "备注" },
    { line: 1, column: "sector", key: "missingColumn" },
  ]);
  const empty = upload("商户,地区,行业,日期,销售额\n");
  assert.ok(!empty.ok);
  assert.deepEqual(empty.problems, [{ line: 1, column: null, key: "noDataLines" }]);
});

test("scope: county staff report on their county only; auditors upload nothing; managers void within their area", () => {
  const outcome = upload("地区,行业,日期,销售额\n曹县,餐饮,2025-05,10.00\n牡丹区,餐饮,2025-05,10.00", caoxianStaff);
  assert.ok(!outcome.ok);
  assert.deepEqual(outcome.problems, [{ line: 3, column: "area", key: "areaOutOfScope", value: "牡丹区" }]);
  assert.throws(() => upload("地区,行业,日期,销售额\n曹县,餐饮,2025-05,10.00", auditor), /FORBIDDEN/);

  const id = db.$client.prepare(`select id from baseline_uploads where status = 'active'`).pluck().get() as number;
  assert.throws(() => voidBaselineUpload(db, { uploadId: id, ...as(demoUser(db, "caoxian.manager")) }), /FORBIDDEN/);
  assert.equal(voidBaselineUpload(db, { uploadId: id, ...as(manager) }).status, "voided");
  // Voided, the same content may be uploaded again.
  const again = upload(GOOD);
  assert.ok(again.ok && !again.alreadyUploaded && again.uploadId !== id);
});

test("the template is a file the upload reads", () => {
  const outcome = upload(toCsv(baselineTemplate()), manager, "template.csv");
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.problems));
  assert.equal(outcome.rows, 2);
});

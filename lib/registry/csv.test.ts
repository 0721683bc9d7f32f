import { test } from "node:test";
import assert from "node:assert/strict";
import { count, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeTransaction, type Db } from "@/db/client";
import { auditLog, carriers, events, packages, revisions, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseCsv, toCsv } from "@/lib/csv/csv";
import zh from "@/lib/i18n/messages/zh-CN.json";
import en from "@/lib/i18n/messages/en.json";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { REVISION_HANDLERS } from "@/lib/workflow/entities";
import { approveRevision } from "@/lib/workflow/revisions";
import {
  CSV_COLUMNS,
  CSV_MESSAGE_KEYS,
  CSV_TYPES,
  csvHeader,
  csvTemplate,
  exportCsv,
  findColumn,
  importCsv,
  normaliseDate,
  type CsvProblem,
  type CsvType,
} from "./csv";
import { parseRecordValues } from "./parse";
import { openRevision, saveRecord, submitRecord } from "./records";
import { recordSpec } from "./specs";
import type { RawValues, RecordType } from "./types";

const db: Db = await seededTestDb();
const staff = demoUser(db, "caoxian.staff");
const otherStaff = demoUser(db, "mudan.staff");
const cityStaff = demoUser(db, "staff");
const manager = demoUser(db, "manager");
const countyManager = demoUser(db, "caoxian.manager");

function save(type: RecordType, by: User, raw: RawValues, id?: number) {
  const parsed = parseRecordValues(type, raw, "zh-CN");
  return writeTransaction((tx) => saveRecord(tx, recordSpec(type), by, id, parsed), db);
}
const submit = (type: RecordType, id: number, by: User) => writeTransaction((tx) => submitRecord(tx, recordSpec(type), by, id), db);
function approve(revisionId: number, by = manager) {
  const type = db.select().from(revisions).where(eq(revisions.id, revisionId)).get()!.entityType;
  return writeTransaction((tx) => approveRevision(tx, revisionId, by, REVISION_HANDLERS[type]!.apply), db);
}

// A framework to hang records on: a master policy and action number 7 (its id is not 7).
const policy = save("policy", cityStaff, { title: "提振消费总体方案", docNumber: "菏政发〔2025〕1号", issuedOn: "2025-01-10", level: "city", kind: "master", effect: "in_force" });
approve(submit("policy", policy.id, cityStaff).id);
const filler = save("action", cityStaff, { number: "1", titleZh: "汽车以旧换新", titleEn: "Car trade-in", policyId: String(policy.id), startsOn: "2025-01-01", endsOn: "2025-12-31" });
approve(submit("action", filler.id, cityStaff).id);
const action = save("action", cityStaff, { number: "7", titleZh: "文旅消费提质", titleEn: "Culture and tourism", policyId: String(policy.id), startsOn: "2025-01-01", endsOn: "2025-12-31" });
approve(submit("action", action.id, cityStaff).id);
assert.notEqual(action.id, 7);
// A voucher campaign for batch lines to name by its code.
const campaign = save("campaign", cityStaff, { name: "餐饮消费券", code: "HZ2025-CSV", actionId: String(action.id), cityFund: "100000", countyFund: "0", cofund: "0", budgetCap: "100000", channels: ["wechat", "alipay"], startsOn: "2025-01-01", endsOn: "2025-12-31" });
approve(submit("campaign", campaign.id, cityStaff).id);

const OWN_AREA = "371721"; // 曹县
const OWN_DEPARTMENT = "曹县商务局";

function importAs(by: User, type: CsvType, text: string): ReturnType<typeof importCsv> {
  return importCsv(db, type, by, text, { locale: "zh-CN", actor: { id: by.id, name: by.username }, fileName: "test.csv" });
}
const exportAs = (by: User, type: CsvType, query = {}) => exportCsv(db, type, by, query).csv;
const countOf = (table: typeof packages | typeof events | typeof carriers | typeof revisions) => db.select({ n: count() }).from(table).get()!.n;
const importAudits = () => db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "record.import")).get()!.n;

/** A package line in file order, with overrides by column name. */
function packageLine(over: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    id: "",
    name: "新能源汽车下乡补贴",
    action: "7",
    sector: "汽车类",
    area: OWN_AREA,
    department: OWN_DEPARTMENT,
    partners: "某某汽车销售服务有限公司",
    offer_terms: "购车满10万元减3000元",
    budget_yuan: "1500000.50",
    starts_on: "2025-03-01",
    ends_on: "2025-06-30",
    ...over,
  };
  return CSV_COLUMNS.package.map((c) => values[c.name] ?? "");
}
const packageFile = (...lines: string[][]) => toCsv([csvHeader("package"), ...lines]);

/** A problem as the user reads it (zh-CN), so a test can check the sentence too. */
function sentence(p: CsvProblem): string {
  const messages = zh as unknown as { csv: Record<string, string>; errors: Record<string, string> };
  if ("key" in p) return messages.csv[p.key]!.replace(/\{(\w+)\}/g, (_, k: string) => String(p.values?.[k]));
  return p.messages.map((m) => messages.errors[m] ?? m).join(" ");
}
const brief = (p: CsvProblem) => ({ line: p.line, column: p.column, message: sentence(p) });

test("the column tables: headers name Chinese and English, every field of the record's form is a column", () => {
  assert.deepEqual(csvHeader("package"), [
    "编号(id)",
    "名称(name)",
    "所属行动编号(action)",
    "行业(sector)",
    "区域代码(area)",
    "部门(department)",
    "合作企业(partners)",
    "优惠内容(offer_terms)",
    "预算_元(budget_yuan)",
    "开始日期(starts_on)",
    "结束日期(ends_on)",
  ]);
  for (const type of CSV_TYPES) {
    // Every field of the record's schema (what its form carries) has its column.
    // A schema with cross-field rules is a pipe: its fields are those of what goes in.
    const schema = recordSpec(type).schema as unknown as z.ZodObject | z.ZodPipe<z.ZodObject>;
    const fields = Object.keys("shape" in schema ? schema.shape : schema.in.shape);
    const keys = new Set(CSV_COLUMNS[type].map((c) => c.key));
    for (const field of fields) assert.ok(keys.has(field), `${type}: field ${field} has no column`);
    assert.equal(keys.size, fields.length + 3, `${type}: id, area and department besides the fields`);
    for (const col of CSV_COLUMNS[type]) assert.equal(col.header, `${col.zh}(${col.name})`);
  }
  assert.equal(findColumn("package", "预算_元（budget_yuan）")?.key, "budget");
  assert.equal(findColumn("package", " Budget_Yuan ")?.key, "budget");
  assert.equal(findColumn("package", "预算(budget_yuan)")?.key, "budget");
  assert.equal(findColumn("package", "行业")?.key, "sectorId");
  assert.equal(findColumn("package", "budget"), undefined);
  assert.equal(normaliseDate("2025/3/1"), "2025-03-01");
  assert.equal(normaliseDate("2025年3月1日"), "2025-03-01");
  assert.equal(normaliseDate("3/1/2025"), "3/1/2025");
});

test("every message an import can report exists in both languages", () => {
  const zhCsv = (zh as unknown as { csv: Record<string, string> }).csv;
  const enCsv = (en as unknown as { csv: Record<string, string> }).csv;
  for (const key of CSV_MESSAGE_KEYS) {
    assert.equal(typeof zhCsv[key], "string", `zh-CN csv.${key}`);
    assert.equal(typeof enCsv[key], "string", `en csv.${key}`);
  }
});

test("the template: the header and one example line in the user's own area and department", () => {
  const records = parseCsv(csvTemplate(db, "package", staff));
  assert.equal(records.length, 2);
  assert.deepEqual(records[0]!.cells, csvHeader("package"));
  const example = Object.fromEntries(CSV_COLUMNS.package.map((c, i) => [c.name, records[1]!.cells[i]]));
  assert.equal(example.id, "");
  assert.equal(example.area, OWN_AREA);
  assert.equal(example.department, OWN_DEPARTMENT);
  assert.equal(example.action, "1");
  // The example is a valid line: with a name of one's own it imports as is.
  for (const type of CSV_TYPES) {
    const lines = parseCsv(csvTemplate(db, type, staff));
    const problems = importAs(staff, type, toCsv(lines.map((r) => r.cells))).errors;
    assert.deepEqual(problems, [], `${type} template`);
  }
});

test("import creates records by human keys, submits them for review and audits the import once", () => {
  const before = { packages: countOf(packages), audits: importAudits() };
  const result = importAs(
    staff,
    "package",
    packageFile(
      packageLine({ name: "曹县家电焕新季", sector: "家用电器和音像器材类", budget_yuan: "200,000" }),
      // Area and department may be left blank: they are the importer's own.
      packageLine({ name: "曹县汉服节消费券", sector: "服装鞋帽针纺织品类", area: "", department: "", starts_on: "2025/4/1", ends_on: "2025年4月30日" }),
      ["", "", "", "", "", "", "", "", "", "", ""],
      packageLine({ name: "曹县餐饮消费季", sector: "餐饮", partners: "" }),
    ),
  );
  assert.deepEqual(result, { created: 3, updated: 0, unchanged: 0, submitted: 3, errors: [] });
  assert.equal(countOf(packages), before.packages + 3);
  const made = db.select().from(packages).where(eq(packages.name, "曹县家电焕新季")).get()!;
  assert.equal(made.actionId, action.id);
  assert.equal(made.budgetFen, 20_000_000);
  assert.equal(made.areaId, staff.areaId);
  assert.equal(made.departmentId, staff.departmentId);
  assert.equal(made.status, "submitted");
  assert.equal(openRevision(db as never, recordSpec("package"), made.id)?.status, "submitted");
  const hanfu = db.select().from(packages).where(eq(packages.name, "曹县汉服节消费券")).get()!;
  assert.equal(hanfu.startsOn, "2025-04-01");
  assert.equal(hanfu.endsOn, "2025-04-30");
  assert.equal(importAudits(), before.audits + 1);
  const audit = db.select().from(auditLog).where(eq(auditLog.action, "record.import")).all().at(-1)!;
  assert.equal(audit.entity, "package");
  assert.equal(audit.actorName, "caoxian.staff");
  const detail = JSON.parse(audit.detail!) as Record<string, unknown>;
  assert.equal(detail.created, 3);
  assert.equal(detail.lines, 3);
  assert.match(String(detail.sha256), /^[0-9a-f]{64}$/);
  assert.equal((JSON.parse(audit.after!) as { created: number[] }).created.length, 3);
});

test("one bad line: nothing is written, and the problem names its physical line and column", () => {
  const before = { packages: countOf(packages), revisions: countOf(revisions), audits: importAudits() };
  const file = packageFile(
    packageLine({ name: "好的一行" }),
    // A cell over three physical lines: the next record starts on line 6.
    packageLine({ name: "另一行", offer_terms: "第一档：满1000减100\n第二档：满3000减400\n第三档：满5000减800" }),
    packageLine({ name: "坏的一行", budget_yuan: "12.345" }),
  );
  const result = importAs(staff, "package", file);
  assert.equal(result.created, 0);
  assert.equal(result.submitted, 0);
  assert.deepEqual(result.errors.map(brief), [{ line: 6, column: "预算_元(budget_yuan)", message: zh.errors.moneyFormat }]);
  assert.equal(countOf(packages), before.packages);
  assert.equal(countOf(revisions), before.revisions);
  assert.equal(importAudits(), before.audits);
});

test("every problem of every line is reported at once, with its column", () => {
  const result = importAs(
    staff,
    "package",
    packageFile(
      packageLine({ action: "99", sector: "玩具类" }),
      packageLine({ name: "", starts_on: "2025-02-30" }),
      packageLine({ starts_on: "2025-07-01", ends_on: "2025-06-30" }),
      packageLine({ id: "abc" }),
    ),
  );
  assert.deepEqual(
    result.errors.map((p) => [p.line, p.column, "key" in p ? p.key : p.messages.join()]),
    [
      [2, "所属行动编号(action)", "unknownAction"],
      [2, "行业(sector)", "unknownSector"],
      [3, "名称(name)", "required"],
      [3, "开始日期(starts_on)", "dateFormat"],
      [4, "结束日期(ends_on)", "periodOrder"],
      [5, "编号(id)", "idFormat"],
    ],
  );
  assert.equal(sentence(result.errors[0]!), "没有编号为“99”的行动。");
  assert.match(sentence(result.errors[1]!), /^没有“玩具类”这个行业。可选：汽车类、家用电器和音像器材类/);
});

test("@security scope: another area, another department or another's record is refused, naming the line", () => {
  const theirs = save("package", otherStaff, {
    name: "牡丹区商超促销",
    actionId: String(action.id),
    sectorId: "1",
    offerTerms: "满200减20",
    budget: "1000",
    startsOn: "2025-05-01",
    endsOn: "2025-05-31",
  });
  const before = countOf(packages);
  const result = importAs(
    staff,
    "package",
    packageFile(
      packageLine({ area: "371702" }), // 牡丹区
      packageLine({ area: "菏泽经济技术开发区" }), // a zone, named as it has no code
      packageLine({ department: "菏泽市商务局" }),
      packageLine({ id: String(theirs.id) }),
      packageLine({ area: "999999" }),
      packageLine({ department: "不存在的局" }),
    ),
  );
  assert.deepEqual(
    result.errors.map(brief),
    [
      { line: 2, column: "区域代码(area)", message: "区域不在您的范围内：您只能导入本单位所在区域（371721）的记录，本行是“371702”。" },
      { line: 3, column: "区域代码(area)", message: "区域不在您的范围内：您只能导入本单位所在区域（371721）的记录，本行是“菏泽经济技术开发区”。" },
      { line: 4, column: "部门(department)", message: "部门不在您的范围内：您只能导入本部门（曹县商务局）的记录，本行是“菏泽市商务局”。" },
      { line: 5, column: "编号(id)", message: `编号为 ${theirs.id} 的记录不存在，或不在您可以修改的范围内。` },
      { line: 6, column: "区域代码(area)", message: "没有代码或名称为“999999”的区域。" },
      { line: 7, column: "部门(department)", message: "没有名为“不存在的局”的部门。" },
    ],
  );
  assert.equal(countOf(packages), before);
  // Only staff import; a manager's import is refused outright.
  assert.throws(() => importAs(countyManager, "package", packageFile(packageLine())), (e: unknown) => e instanceof AppError && e.code === "FORBIDDEN");
});

test("the header: unknown, repeated and missing required columns are named; a syntax error names its line", () => {
  const header = csvHeader("package").filter((h) => h !== "优惠内容(offer_terms)");
  const result = importAs(staff, "package", toCsv([[...header, "备注(note)", "名称"], ["x"]]));
  assert.deepEqual(
    result.errors.map((p) => [p.line, p.column, "key" in p ? p.key : ""]),
    [
      [1, "备注(note)", "unknownColumn"],
      [1, "名称(name)", "duplicateColumn"],
      [1, "优惠内容(offer_terms)", "missingColumn"],
    ],
  );
  const syntax = importAs(staff, "package", `${csvHeader("package").join(",")}\r\n,"unclosed,7\r\n`);
  assert.deepEqual(syntax.errors, [{ line: 2, column: null, key: "unterminatedQuote" }]);
  assert.deepEqual(importAs(staff, "package", toCsv([csvHeader("package")])).errors, [{ line: 1, column: null, key: "noDataLines" }]);
  assert.deepEqual(importAs(staff, "package", "\uFEFF").errors, [{ line: 1, column: null, key: "noHeader" }]);
  const extra = importAs(staff, "package", toCsv([csvHeader("package"), [...packageLine(), "", "多出来的"]]));
  assert.deepEqual(extra.errors, [{ line: 2, column: null, key: "cellWithoutHeader", values: { position: 13 } }]);
});

test("updates: a changed line waits as a revision of the approved record; unchanged lines are skipped", () => {
  // Approve everything caoxian.staff submitted so far.
  for (const r of db.select().from(revisions).where(eq(revisions.status, "submitted")).all()) {
    if (r.areaId === staff.areaId) approve(r.id, countyManager);
  }
  const exported = exportAs(staff, "package", { status: "approved" });
  const records = parseCsv(exported);
  const header = records[0]!.cells;
  const budgetAt = header.indexOf("预算_元(budget_yuan)");
  const nameAt = header.indexOf("名称(name)");
  const target = records.find((r) => r.cells[nameAt] === "曹县家电焕新季")!;
  const id = Number(target.cells[0]);
  const edited = records.map((r) => (r === target ? r.cells.map((c, i) => (i === budgetAt ? "250000.00" : c)) : r.cells));
  const before = countOf(revisions);

  const result = importAs(staff, "package", toCsv(edited));
  assert.deepEqual(result, { created: 0, updated: 1, unchanged: records.length - 2, submitted: 1, errors: [] });
  assert.equal(countOf(revisions), before + 1);
  // The approved values stand until the change is approved.
  const row = db.select().from(packages).where(eq(packages.id, id)).get()!;
  assert.equal(row.status, "approved");
  assert.equal(row.budgetFen, 20_000_000);
  const pending = openRevision(db as never, recordSpec("package"), id)!;
  assert.equal(pending.status, "submitted");
  assert.equal((JSON.parse(pending.payload) as RawValues).budget, "250000.00");

  // While the change awaits review the line cannot change again, but the same file as exported still imports.
  const again = importAs(staff, "package", toCsv(edited.map((cells) => (cells[0] === String(id) ? cells.map((c, i) => (i === budgetAt ? "1.00" : c)) : cells))));
  assert.deepEqual(again.errors.map(brief), [{ line: target.line, column: "编号(id)", message: zh.errors.recordAwaitingReview }]);
  assert.equal(importAs(staff, "package", exported).unchanged, records.length - 1);

  approve(pending.id, countyManager);
  assert.equal(db.select().from(packages).where(eq(packages.id, id)).get()!.budgetFen, 25_000_000);
  // A column left out of the file keeps the record's value.
  const partial = importAs(staff, "package", toCsv([["编号(id)", "名称(name)", "所属行动编号(action)", "行业(sector)", "优惠内容(offer_terms)", "预算_元(budget_yuan)", "开始日期(starts_on)", "结束日期(ends_on)"], [String(id), "曹县家电焕新季", "7", "家用电器和音像器材类", "购车满10万元减3000元", "250000", "2025-03-01", "2025-06-30"]]));
  assert.deepEqual(partial, { created: 0, updated: 0, unchanged: 1, submitted: 0, errors: [] });
  // A record listed twice is refused on its second line.
  const twice = importAs(staff, "package", packageFile(packageLine({ id: String(id), name: "一" }), packageLine({ id: String(id), name: "二" })));
  assert.deepEqual(twice.errors.map(brief), [{ line: 3, column: "编号(id)", message: `编号 ${id} 在第 2 行已经出现；一条记录在一个文件里只能出现一次。` }]);
});

test("@security formula cells are neutralised on export and come back unchanged on import", () => {
  const evil = save("package", staff, {
    name: '=HYPERLINK("http://evil.example","点我")',
    actionId: String(action.id),
    sectorId: "1",
    partners: "+86 530 1234567",
    offerTerms: "@SUM(1+1)",
    budget: "100",
    startsOn: "2025-05-01",
    endsOn: "2025-05-31",
  });
  approve(submit("package", evil.id, staff).id, countyManager);
  const exported = exportAs(staff, "package", { q: "HYPERLINK" });
  assert.ok(exported.includes(`"'=HYPERLINK(""http://evil.example"",""点我"")"`), exported);
  assert.ok(exported.includes(",'+86 530 1234567,'@SUM(1+1),"), exported);
  for (const cell of parseCsv(exported).flatMap((r) => r.cells)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  assert.deepEqual(importAs(staff, "package", exported), { created: 0, updated: 0, unchanged: 1, submitted: 0, errors: [] });
  // A line written by hand with a neutralised cell stores the value without the apostrophe.
  const byHand = [csvHeader("package"), packageLine({ name: "'=1+1" })].map((cells) => cells.join(",")).join("\r\n");
  const result = importAs(staff, "package", byHand);
  assert.equal(result.created, 1);
  assert.ok(db.select().from(packages).where(eq(packages.name, "=1+1")).get());
});

test("round trip: export → import → export gives identical bytes and changes nothing", () => {
  // Events and carriers too, with yes/no, choices, optional figures and multi-line notes.
  const created = importAs(
    staff,
    "event",
    toCsv([
      csvHeader("event"),
      ["", "曹县汉服文化节", "7", "曹县汉服小镇", OWN_AREA, OWN_DEPARTMENT, "2025-05-01", "2025-05-03", "是", "120000", "35000000", "含直播\r\n带货"],
      ["", "曹县夜市消费季", "7", "青菏街道夜市", "", "", "2025-06-01", "2025-08-31", "否", "", "", ""],
    ]),
  );
  assert.deepEqual(created.errors, []);
  const carriersMade = importAs(
    staff,
    "carrier",
    toCsv([
      csvHeader("carrier"),
      ["", "大集镇", "淘宝镇", "国家级", "2013", "大集镇人民政府", "7", OWN_AREA, OWN_DEPARTMENT, "2025-01-01", "2025-06-30", "12500000.00", "860"],
      ["", "曹县直播电商基地", "livestreamBase", "市级", "2022", "", "", "", "", "", "", "", ""],
    ]),
  );
  assert.deepEqual(carriersMade.errors, []);
  const batchesMade = importAs(
    staff,
    "batch",
    toCsv([
      csvHeader("batch"),
      ["", "CX25-CSV-W1", "HZ2025-CSV", "微信支付", "20", "100", "5000", "4200", "2025-05-01", "2025-05-31", "餐饮、文化旅游", OWN_AREA, OWN_DEPARTMENT, "五一档"],
      ["", "cx25-csv-a1", "hz2025-csv", "alipay", "50.00", "", "800", "", "2025/6/1", "2025/6/30", "", "", "", ""],
    ]),
  );
  assert.deepEqual(batchesMade.errors, []);
  // Indicators: areas by code or name, choices by label or value, 亿元 or 万元, growth as published.
  const indicatorsMade = importAs(
    staff,
    "indicator",
    toCsv([
      csvHeader("indicator"),
      ["", OWN_AREA, "社会消费品零售总额", "2025", "累计", "6", "180.35", "+8.1", "", "", "曹县统计局", "2025/7/20", "否", OWN_AREA, OWN_DEPARTMENT],
      ["", "曹县", "onlineRetailSales", "2025", "单月", "6", "35678.5万", "-0.3%", "", "", "曹县统计局", "", "", "", ""],
    ]),
  );
  assert.deepEqual(indicatorsMade.errors, []);
  const notOurs = importAs(staff, "indicator", toCsv([csvHeader("indicator"), ["", "牡丹区", "社会消费品零售总额", "2025", "累计", "6", "1", "", "", "", "x", "", "", "", ""], ["", "371799", "社会消费品零售总额", "2025", "累计", "6", "1", "", "", "", "x", "", "", "", ""]]));
  assert.deepEqual(
    notOurs.errors.map((e) => [e.line, e.column, "key" in e ? e.key : e.messages]),
    [
      [2, "统计地区(subject_area)", ["outsideArea"]],
      [3, "统计地区(subject_area)", "unknownArea"],
    ],
  );
  for (const r of db.select().from(revisions).where(eq(revisions.status, "submitted")).all()) {
    if (r.areaId === staff.areaId) approve(r.id, countyManager);
  }

  for (const type of CSV_TYPES) {
    const first = exportAs(staff, type);
    assert.ok(parseCsv(first).length >= 3, `${type}: rows to round-trip`);
    const before = { revisions: countOf(revisions), table: JSON.stringify(db.select().from(recordSpec(type).table).all()) };
    const result = importAs(staff, type, first);
    assert.deepEqual(result, { created: 0, updated: 0, unchanged: parseCsv(first).length - 1, submitted: 0, errors: [] }, type);
    assert.equal(countOf(revisions), before.revisions, type);
    assert.equal(JSON.stringify(db.select().from(recordSpec(type).table).all()), before.table, type);
    assert.equal(exportAs(staff, type), first, `${type}: identical bytes`);
  }
  const event = exportAs(staff, "event");
  assert.ok(event.includes(',是,120000,35000000.00,"含直播\r\n带货"\r\n'), event);
  const carrier = exportAs(staff, "carrier");
  assert.ok(carrier.includes("大集镇,淘宝镇,国家级,2013,大集镇人民政府,7,371721,曹县商务局,2025-01-01,2025-06-30,12500000.00,860"), carrier);
  assert.ok(carrier.includes("曹县直播电商基地,直播电商基地,市级,2022,,,371721,曹县商务局,,,,"), carrier);
});

test("export: each reader's scope and the list's filters, all pages, in the list's order", () => {
  const many = Array.from({ length: 30 }, (_, i) => packageLine({ name: `曹县乡镇商超促销第${i + 1}站`, sector: "粮油食品类" }));
  assert.equal(importAs(staff, "package", packageFile(...many)).created, 30);
  const mine = parseCsv(exportAs(staff, "package")).length - 1;
  assert.ok(mine > 25, `more than one page (${mine})`);
  assert.equal(parseCsv(exportAs(otherStaff, "package")).length - 1, 1);
  assert.equal(parseCsv(exportAs(manager, "package")).length - 1, mine + 1);
  assert.equal(parseCsv(exportAs(countyManager, "package")).length - 1, mine);
  assert.equal(parseCsv(exportAs(staff, "package", { q: "家电" })).length - 1, 1);
  const byName = parseCsv(exportAs(staff, "package", { sort: "name", dir: "asc" })).slice(1).map((r) => r.cells[1]!);
  assert.deepEqual(byName, [...byName].sort());
  // Line endings and BOM for Excel/WPS.
  const text = exportAs(staff, "package");
  assert.ok(text.startsWith("\uFEFF编号(id),名称(name),"));
  assert.ok(text.endsWith("\r\n"));
});

test("a batch's quantity claimed, as the channel reports it, comes in by an updated file and goes to review", () => {
  const exported = parseCsv(exportAs(staff, "batch"));
  const header = exported[0]!.cells;
  const at = (name: string) => header.findIndex((h) => h.endsWith(`(${name})`));
  const line = exported.slice(1).find((r) => r.cells[at("code")] === "CX25-CSV-W1")!.cells.slice();
  line[at("quantity_claimed")] = "4650";
  const result = importAs(staff, "batch", toCsv([header, line]));
  assert.deepEqual(result.errors, []);
  assert.deepEqual({ updated: result.updated, submitted: result.submitted }, { updated: 1, submitted: 1 });
  const id = Number(line[at("id")]);
  const pending = db.select().from(revisions).where(eq(revisions.entityId, id)).all().filter((r) => r.entityType === "batch" && r.status === "submitted");
  assert.equal(pending.length, 1);
  approve(pending[0]!.id, countyManager);
  const claimed = db.$client.prepare(`select quantity_claimed from batches where id = ?`).pluck().get(id);
  assert.equal(claimed, 4650);
  // More claimed than issued is refused by line and column, as in the form.
  line[at("quantity_claimed")] = "5001";
  const refused = importAs(staff, "batch", toCsv([header, line]));
  assert.deepEqual(refused.errors.map(brief).map((p) => [p.line, p.column]), [[2, "领取数量(quantity_claimed)"]]);
});

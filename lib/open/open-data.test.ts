// The five open-data documents on the whole demo seed: the documented fields and units, money in
// fen equal to its yuan text, approved records only, nothing personal; and the one response
// mechanism (built once per data version, ETag and Last-Modified from the version, 304).
import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { writeTransaction } from "@/db/client";
import { campaigns, merchantChannelIds, merchants, redemptions, retailIndicators, users } from "@/db/schema";
import { DEMO_USERS, MORE_DEMO_USERS } from "@/db/seed/demo";
import { fenToYuanText } from "@/lib/money/fen";
import { parseRecordValues } from "@/lib/registry/parse";
import { saveRecord, submitRecord } from "@/lib/registry/records";
import { recordSpec } from "@/lib/registry/specs";
import type { RawValues, RecordType } from "@/lib/registry/types";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { OPEN_ENDPOINT_NAMES, OPEN_ENDPOINTS, type OpenEndpointName } from "./endpoints";
import { COMMON_FIELDS, DOCUMENT_FIELDS, OPEN_DATA_TABLES } from "./fields";
import { openDataResponse, type OpenDocumentHead, type OpenEndpoint, type OpenRequest } from "./response";

const db = await seededTestDb({ registry: true });

/** A record saved as a draft, or also submitted, by the demo staff: never approved. */
function unapproved(type: RecordType, raw: RawValues, submit: boolean): void {
  const staff = demoUser(db, "staff");
  writeTransaction((tx) => {
    const saved = saveRecord(tx, recordSpec(type), staff, undefined, parseRecordValues(type, raw, "zh-CN"));
    if (submit) submitRecord(tx, recordSpec(type), staff, saved.id);
  }, db);
}
const someCampaign = db.select().from(campaigns).where(eq(campaigns.status, "approved")).limit(1).get()!;
unapproved("campaign", { name: "草稿活动", code: "HZ-DRAFT-C", actionId: String(someCampaign.actionId), cityFund: "1000", countyFund: "0", cofund: "0", budgetCap: "1000", channels: ["wechat"], startsOn: "2025-05-01", endsOn: "2025-07-31" }, false);
unapproved("batch", { campaignId: String(someCampaign.id), code: "HZ-SUBMITTED-B", channel: someCampaign.channels[0]!, faceValue: "20", threshold: "100", quantityIssued: "10", validFrom: someCampaign.startsOn, validTo: someCampaign.endsOn }, true);

const ask = (name: OpenEndpointName, request: Partial<OpenRequest> = {}) =>
  openDataResponse(db, OPEN_ENDPOINTS[name] as OpenEndpoint<OpenDocumentHead>, { format: null, ifNoneMatch: null, ifModifiedSince: null, ...request });
type Rows = Array<Record<string, unknown>>;
const json = (name: OpenEndpointName) => JSON.parse(ask(name).body!) as Record<string, unknown> & Partial<Record<"actions" | "campaigns" | "batches" | "indicators", Rows>>;
const keysOf = (fields: ReadonlyArray<readonly [string, ...unknown[]]>) => fields.map(([name]) => name).sort();
const table = (key: string) => OPEN_DATA_TABLES.find((t) => t.key === key)!;

test("every document holds exactly the fields the /open-data page documents", () => {
  for (const name of OPEN_ENDPOINT_NAMES) {
    const body = json(name);
    const doc = table(name);
    const top = [...COMMON_FIELDS, ...DOCUMENT_FIELDS[name], ...(doc.list ? [[doc.list] as const] : doc.fields)];
    assert.deepEqual(Object.keys(body).sort(), keysOf(top), name);
    assert.equal(body.licence, "CC BY 4.0");
    if (!doc.list) continue;
    const rows = body[doc.list] as Rows;
    assert.ok(rows.length > 0, `${name} has rows on the demo seed`);
    for (const row of rows) assert.deepEqual(Object.keys(row).sort(), keysOf(doc.fields), name);
  }
  for (const action of json("actions").actions!) for (const target of action.targets as Array<Record<string, unknown>>) assert.deepEqual(Object.keys(target).sort(), keysOf(table("actionTargets").fields));
  const summary = json("summary");
  for (const key of ["retail_sales", "online_retail_sales"]) assert.deepEqual(Object.keys(summary[key] as object).sort(), keysOf(table("indicators").fields), key);
});

/** Every `x_fen` beside its `x_yuan` (and `target`/`targetYuan` of money targets), anywhere in a document. */
function moneyPairs(value: unknown, found: Array<{ fen: unknown; yuan: unknown; at: string }> = [], at = ""): typeof found {
  if (Array.isArray(value)) value.forEach((v, i) => moneyPairs(v, found, `${at}[${i}]`));
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const [key, inner] of Object.entries(record)) {
      if (key.endsWith("_fen") && `${key.slice(0, -4)}_yuan` in record) found.push({ fen: inner, yuan: record[`${key.slice(0, -4)}_yuan`], at: `${at}.${key}` });
      moneyPairs(inner, found, `${at}.${key}`);
    }
    if (record.unit === "fen") found.push({ fen: record.target, yuan: record.targetYuan, at: `${at}.target` });
  }
  return found;
}

test("money is integer fen with the same amount as yuan text, everywhere", () => {
  let pairs = 0;
  for (const name of OPEN_ENDPOINT_NAMES) {
    for (const { fen, yuan, at } of moneyPairs(json(name))) {
      assert.ok(Number.isSafeInteger(fen), `${name}${at}: ${String(fen)}`);
      assert.equal(yuan, fenToYuanText(fen as number), `${name}${at}`);
      pairs++;
    }
  }
  assert.ok(pairs > 100, `${pairs} pairs`);
});

test("the summary tells the seed's story, computed from the engines", () => {
  const s = json("summary");
  assert.deepEqual(
    { area_code: s.area_code, subsidy_yuan: s.subsidy_yuan, leverage: s.leverage, packages: s.packages },
    { area_code: "371700", subsidy_yuan: "2830000.00", leverage: "1 : 76", packages: 327 },
  );
  assert.ok(Math.abs((s.gross_fen as number) - 21_523_800_000) < 100_000_000, String(s.gross_yuan));
  assert.equal(s.leverage_gross, Math.round(((s.gross_fen as number) / (s.subsidy_fen as number)) * 100) / 100);
  assert.equal(s.copay_fen, (s.gross_fen as number) - (s.subsidy_fen as number));
  assert.ok((s.events as number) >= 390 && (s.events as number) <= 400, String(s.events));
  const campaignsBody = json("campaigns");
  const sum = (key: string) => campaignsBody.campaigns!.reduce((t, c) => t + (c[key] as number), 0);
  assert.equal(sum("subsidy_fen"), s.subsidy_fen);
  assert.equal(sum("gross_fen"), s.gross_fen);
  assert.equal(sum("redemptions"), s.redemptions);
  assert.equal(json("batches").batches!.reduce((t, b) => t + (b.subsidy_fen as number), 0), s.subsidy_fen);
  assert.deepEqual(
    (({ value_yuan, yoy_tenths, yoy_percent, rank, rank_of, period_zh, demo }) => ({ value_yuan, yoy_tenths, yoy_percent, rank, rank_of, period_zh, demo }))(s.retail_sales as Record<string, unknown>),
    { value_yuan: "125490000000.00", yoy_tenths: 76, yoy_percent: "+7.6%", rank: 1, rank_of: 16, period_zh: "2025年1–6月", demo: false },
  );
  assert.deepEqual(
    (({ value_yuan, yoy_tenths, rank }) => ({ value_yuan, yoy_tenths, rank }))(s.online_retail_sales as Record<string, unknown>),
    { value_yuan: "15140000000.00", yoy_tenths: 91, rank: 5 },
  );
});

test("campaigns: funding, cap, channels and the leverage engine's figures; indicators of the city and each county", () => {
  for (const c of json("campaigns").campaigns!) {
    assert.equal(c.leverage_gross, c.subsidy_fen ? Math.round(((c.gross_fen as number) / (c.subsidy_fen as number)) * 100) / 100 : null, String(c.code));
    assert.ok(Array.isArray(c.channels) && c.channels.length > 0);
    assert.ok((c.budget_cap_fen as number) <= (c.city_fund_fen as number) + (c.county_fund_fen as number) + (c.cofund_fen as number));
  }
  const areas = new Set(json("indicators").indicators!.map((i) => i.area_code));
  assert.deepEqual([...areas], ["371700", "371702", "371703", "371721", "371722", "371723", "371724", "371725", "371726", "371728"]);
});

test("approved records only: a draft campaign and a submitted batch appear nowhere", () => {
  for (const name of OPEN_ENDPOINT_NAMES) {
    for (const format of ["json", "csv"]) {
      const text = ask(name, { format }).body!;
      assert.ok(!text.includes("HZ-DRAFT-C") && !text.includes("草稿活动"), `${name} ${format}`);
      assert.ok(!text.includes("HZ-SUBMITTED-B"), `${name} ${format}`);
    }
  }
  assert.equal(json("summary").campaigns, db.select().from(campaigns).where(eq(campaigns.status, "approved")).all().length);
});

test("@security no personal data in any JSON or CSV: no users, payers, phone numbers, merchant channel ids or merchant names", () => {
  const payers = db.selectDistinct({ payer: redemptions.payer }).from(redemptions).all().map((r) => r.payer).filter((p): p is string => !!p);
  assert.ok(payers.length > 1000, `${payers.length} payers in the demo statements`);
  const channelIds = db.select({ id: merchantChannelIds.channelMerchantId }).from(merchantChannelIds).all().map((r) => r.id);
  const merchantNames = db.select({ name: merchants.name }).from(merchants).all().map((r) => r.name);
  const people = db.select().from(users).all();
  assert.equal(people.length, DEMO_USERS.length + MORE_DEMO_USERS.length);
  for (const name of OPEN_ENDPOINT_NAMES) {
    for (const format of ["json", "csv"]) {
      const text = ask(name, { format }).body!;
      const label = `${name} ${format}`;
      // A value on its own: a JSON string or a CSV cell.
      const cells = new Set(format === "json" ? [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!) : text.split(/[,\r\n]/).map((c) => c.replace(/^"|"$/g, "")));
      for (const user of people) {
        assert.ok(!text.includes(user.displayName), `${label}: display name of ${user.username}`);
        assert.ok(!cells.has(user.username), `${label}: username ${user.username}`);
      }
      for (const payer of payers) assert.ok(!text.includes(payer), `${label}: payer ${payer}`);
      for (const id of channelIds) assert.ok(!cells.has(id), `${label}: merchant channel id ${id}`);
      for (const merchant of merchantNames) assert.ok(!cells.has(merchant), `${label}: merchant ${merchant}`);
      // A mobile number in any text (amounts and counts are numbers of documented fields: 16367250000 fen is not a phone), or masked as Alipay shows it.
      for (const cell of cells) if (!/^\d+(\.\d+)?$/.test(cell)) assert.doesNotMatch(cell, /(?<!\d)1[3-9]\d{9}(?!\d)|1\d{2}\*{4}\d{4}/, `${label}: a phone number in ${cell}`);
      assert.doesNotMatch(text, /payer|openid|phone|mobile|created_?by|submitted_?by|user_?id|username|display_?name/i, label);
    }
  }
});

test("CSV of every endpoint: BOM, CRLF, the documented columns", () => {
  for (const name of OPEN_ENDPOINT_NAMES) {
    const answer = ask(name, { format: "csv" });
    assert.equal(answer.headers["content-type"], "text/csv; charset=utf-8");
    assert.match(answer.headers["content-disposition"]!, new RegExp(`^attachment; filename="huimin-${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    assert.ok(answer.body!.startsWith("\uFEFF"), name);
    assert.ok(answer.body!.endsWith("\r\n"), name);
  }
  const header = (name: OpenEndpointName) => ask(name, { format: "csv" }).body!.slice(1).split("\r\n")[0]!.split(",");
  for (const name of ["campaigns", "batches", "indicators"] as const) assert.deepEqual(header(name), table(name).fields.map(([f]) => f), name);
  assert.deepEqual(header("summary"), ["field", "value"]);
  assert.ok(ask("summary", { format: "csv" }).body!.includes("\r\nsubsidy_yuan,2830000.00\r\n"));
  assert.ok(ask("summary", { format: "csv" }).body!.includes("\r\nretail_sales.yoy_percent,+7.6%\r\n"), "a signed growth rate stays a number");
});

// ── The response mechanism ───────────────────────────────────────────────────

test("built once per data version and format; same version, same bytes and ETag", () => {
  let builds = 0;
  const probe: OpenEndpoint<OpenDocumentHead & { n: number }> = {
    name: "probe",
    build: (_db, { head }) => ({ ...head, n: ++builds }),
    csv: (d) => `\uFEFFn\r\n${d.n}\r\n`,
  };
  const get = (request: Partial<OpenRequest> = {}) => openDataResponse(db, probe, { format: null, ifNoneMatch: null, ifModifiedSince: null, ...request });
  const first = get();
  const second = get();
  assert.equal(builds, 1);
  assert.equal(second.body, first.body);
  assert.equal(second.headers.etag, first.headers.etag);
  assert.match(first.headers.etag!, /^"[\w-]+-\d+-json"$/);
  assert.equal(first.headers["cache-control"], "public, max-age=0, must-revalidate");
  const csv = get({ format: "csv" });
  assert.equal(builds, 2);
  assert.equal(csv.headers.etag, first.headers.etag!.replace("-json", "-csv"));
  get({ format: "csv" });
  assert.equal(builds, 2);
  // The document's updatedAt is the version's time, as Last-Modified says.
  assert.equal(new Date((JSON.parse(first.body!) as OpenDocumentHead).updatedAt).toUTCString(), first.headers["last-modified"]);
});

test("a change to a figure table: a new ETag, a new Last-Modified, the new figure", async () => {
  const before = ask("indicators");
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // Last-Modified has whole seconds
  const row = db.select().from(retailIndicators).limit(1).get()!;
  db.update(retailIndicators).set({ source: `${row.source}（修订）` }).where(eq(retailIndicators.id, row.id)).run();
  const after = ask("indicators");
  assert.notEqual(after.headers.etag, before.headers.etag);
  assert.ok(Date.parse(after.headers["last-modified"]!) > Date.parse(before.headers["last-modified"]!));
  assert.ok(after.body!.includes("（修订）") && !before.body!.includes("（修订）"));
  assert.equal(ask("indicators", { ifNoneMatch: before.headers.etag! }).status, 200);
});

test("304 on a matching If-None-Match or an If-Modified-Since not older than Last-Modified; 400 for an unknown format", () => {
  for (const name of OPEN_ENDPOINT_NAMES) {
    for (const format of [null, "csv"]) {
      const first = ask(name, { format });
      assert.equal(first.status, 200);
      const { etag, "last-modified": lastModified } = first.headers;
      const revalidated = ask(name, { format, ifNoneMatch: etag! });
      assert.equal(revalidated.status, 304, `${name} ${format}`);
      assert.equal(revalidated.body, null);
      assert.equal(revalidated.headers.etag, etag);
      assert.equal(ask(name, { format, ifNoneMatch: `"other", ${etag}` }).status, 304);
      assert.equal(ask(name, { format, ifNoneMatch: '"other"' }).status, 200);
      assert.equal(ask(name, { format, ifModifiedSince: lastModified! }).status, 304);
      assert.equal(ask(name, { format, ifModifiedSince: new Date(Date.parse(lastModified!) + 60_000).toUTCString() }).status, 304);
      assert.equal(ask(name, { format, ifModifiedSince: new Date(Date.parse(lastModified!) - 1_000).toUTCString() }).status, 200);
      assert.equal(ask(name, { format, ifModifiedSince: "yesterday" }).status, 200);
      // If-None-Match decides when both are sent.
      assert.equal(ask(name, { format, ifNoneMatch: '"other"', ifModifiedSince: lastModified! }).status, 200);
    }
    const bad = ask(name, { format: "xml" });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers["cache-control"], "no-store");
  }
});

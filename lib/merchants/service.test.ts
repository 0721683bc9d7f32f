import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { areas, merchantChannelIds, merchants } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { merchantDetailsSchema } from "./schema";
import { addChannelId, canManageMerchant, createMerchant, findOrRegisterMerchant, setMerchantStatus, updateMerchantDetails } from "./service";

const db: Db = await seededTestDb();
const run = <T>(fn: Parameters<typeof writeTransaction<T>>[0]) => writeTransaction(fn, db);

test("a merchant first seen is registered, flagged for review, under the statement's name", () => {
  const found = run((tx) => findOrRegisterMerchant(tx, { channel: "wechat", channelMerchantId: "`1600000001\t", name: "菏泽万达汽车城" }));
  assert.equal(found.created, true);
  assert.equal(found.merchant.name, "菏泽万达汽车城");
  assert.equal(found.merchant.needsReview, true);
  assert.equal(found.merchant.status, "active");
  const ids = db.select().from(merchantChannelIds).where(eq(merchantChannelIds.merchantId, found.merchant.id)).all();
  assert.deepEqual(ids.map((i) => [i.channel, i.channelMerchantId]), [["wechat", "1600000001"]]);
});

test("the same channel id finds the same merchant; the same id on another channel is another merchant", () => {
  const first = run((tx) => findOrRegisterMerchant(tx, { channel: "wechat", channelMerchantId: "1600000001" }));
  assert.equal(first.created, false);
  assert.equal(first.merchant.name, "菏泽万达汽车城");
  const other = run((tx) => findOrRegisterMerchant(tx, { channel: "alipay", channelMerchantId: "1600000001" }));
  assert.equal(other.created, true);
  assert.notEqual(other.merchant.id, first.merchant.id);
  // Without a name, the merchant is named by its id until someone reviews it.
  assert.equal(other.merchant.name, "1600000001");
});

test("one merchant may hold a 商户号 and an Alipay account; one (channel, id) never belongs to two", () => {
  const m = run((tx) => findOrRegisterMerchant(tx, { channel: "wechat", channelMerchantId: "1600000077", name: "曹县家电城" })).merchant;
  run((tx) => addChannelId(tx, m.id, { channel: "alipay", channelMerchantId: "2088000000000077" }));
  run((tx) => addChannelId(tx, m.id, { channel: "alipay", channelMerchantId: "2088000000000077" })); // again: nothing new
  assert.equal(run((tx) => findOrRegisterMerchant(tx, { channel: "alipay", channelMerchantId: "2088000000000077" })).merchant.id, m.id);
  const someoneElse = run((tx) => findOrRegisterMerchant(tx, { channel: "meituan", channelMerchantId: "MT-1" })).merchant;
  assert.throws(
    () => run((tx) => addChannelId(tx, someoneElse.id, { channel: "alipay", channelMerchantId: "2088000000000077" })),
    (e: unknown) => e instanceof AppError && e.code === "CONFLICT",
  );
  // The database holds the rule too.
  assert.throws(() => db.insert(merchantChannelIds).values({ merchantId: someoneElse.id, channel: "wechat", channelMerchantId: "1600000077" }).run(), /UNIQUE/);
});

test("an empty channel id is refused rather than registered", () => {
  assert.throws(() => run((tx) => findOrRegisterMerchant(tx, { channel: "wechat", channelMerchantId: " ` " })));
  assert.throws(() => run((tx) => findOrRegisterMerchant(tx, { channel: "paypal" as "wechat", channelMerchantId: "1" })));
});

test("status changes: staff and managers of the merchant's area; city users for merchants without an area", () => {
  const cityStaff = demoUser(db, "staff");
  const manager = demoUser(db, "manager");
  const countyStaff = demoUser(db, "caoxian.staff");
  const otherCounty = demoUser(db, "mudan.staff");
  const auditor = demoUser(db, "auditor");
  const m = run((tx) => findOrRegisterMerchant(tx, { channel: "unionpay", channelMerchantId: "UP-9", name: "曹县某商户" })).merchant;
  assert.equal(canManageMerchant(db, cityStaff, m), true);
  assert.equal(canManageMerchant(db, countyStaff, m), false);
  assert.equal(canManageMerchant(db, auditor, m), false);
  db.update(merchants).set({ areaId: countyStaff.areaId }).where(eq(merchants.id, m.id)).run();
  const placed = db.select().from(merchants).where(eq(merchants.id, m.id)).get()!;
  assert.equal(canManageMerchant(db, countyStaff, placed), true);
  assert.equal(canManageMerchant(db, manager, placed), true);
  assert.equal(canManageMerchant(db, otherCounty, placed), false);
  assert.throws(() => run((tx) => setMerchantStatus(tx, otherCounty, m.id, { status: "blacklisted", reviewed: false })), (e: unknown) => e instanceof AppError && e.code === "FORBIDDEN");
  const { before, after } = run((tx) => setMerchantStatus(tx, countyStaff, m.id, { status: "suspended", reviewed: true }));
  assert.equal(before.status, "active");
  assert.equal(after.status, "suspended");
  assert.equal(after.needsReview, false);
  assert.ok(db.select().from(areas).where(eq(areas.id, countyStaff.areaId)).get()!.parentId !== null);
});

test("staff register a merchant in their own area with its channel id; another county's area is refused by field", () => {
  const staff = demoUser(db, "caoxian.staff");
  const sectorId = (db.$client.prepare(`select id from sectors where code = 'catering'`).get() as { id: number }).id;
  const input = merchantDetailsSchema.parse({ name: "曹县烧饼（普连集店）", sectorId: String(sectorId), areaId: String(staff.areaId), channel: "wechat", channelMerchantId: "1600770001" });
  const merchant = run((tx) => createMerchant(tx, staff, input));
  assert.equal(merchant.needsReview, false);
  assert.equal(merchant.areaId, staff.areaId);
  // The id is now known: a statement naming it finds this merchant, not a new one.
  assert.equal(run((tx) => findOrRegisterMerchant(tx, { channel: "wechat", channelMerchantId: "1600770001" })).merchant.id, merchant.id);
  const mudan = demoUser(db, "mudan.staff");
  assert.throws(
    () => run((tx) => createMerchant(tx, staff, { ...input, channelMerchantId: "1600770002", areaId: mudan.areaId })),
    (e: AppError) => e.code === "INVALID" && e.fieldErrors?.areaId?.[0] === "outsideArea",
  );
});

test("a channel id needs its channel, and the other way round", () => {
  const parsed = merchantDetailsSchema.safeParse({ name: "某商户", sectorId: "1", areaId: "1", channelMerchantId: "1600" });
  assert.equal(parsed.success, false);
  assert.deepEqual(parsed.error?.issues.map((i) => i.path.join(".")), ["channel"]);
});

test("saving the details of a merchant registered from a statement is its review: the flag clears, the id is added", () => {
  const found = run((tx) => findOrRegisterMerchant(tx, { channel: "alipay", channelMerchantId: "S990001" })).merchant;
  assert.equal(found.needsReview, true);
  const staff = demoUser(db, "staff");
  const sectorId = (db.$client.prepare(`select id from sectors where code = 'auto'`).get() as { id: number }).id;
  const input = merchantDetailsSchema.parse({ name: "菏泽通达汽车", sectorId: String(sectorId), areaId: String(staff.areaId), channel: "wechat", channelMerchantId: "1600880001" });
  const { after } = run((tx) => updateMerchantDetails(tx, staff, found.id, input));
  assert.equal(after.needsReview, false);
  assert.equal(after.name, "菏泽通达汽车");
  const ids = db.select().from(merchantChannelIds).where(eq(merchantChannelIds.merchantId, found.id)).all().map((i) => `${i.channel}:${i.channelMerchantId}`).sort();
  assert.deepEqual(ids, ["alipay:S990001", "wechat:1600880001"]);
});

import { test, expect, type APIRequestContext } from "@playwright/test";
import { login } from "./support/auth";
import { auditCount } from "./support/db";
import { countByNamePrefix, ensureApprovedAction, submittedByTitlePrefix } from "./support/registry";

// Bulk CSV through the route handlers, as the list page's panel calls them, signed in through
// the login form. The rules line by line are covered by lib/registry/csv.test.ts.

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function importFile(request: APIRequestContext, segment: string, content: string | Buffer, name = "import.csv") {
  return request.post(`/api/registry/${segment}/import`, {
    multipart: { file: { name, mimeType: "text/csv", buffer: typeof content === "string" ? Buffer.from(content, "utf8") : content } },
  });
}

/** Cells joined as CSV (the test's values hold no commas, quotes or line breaks). */
const csv = (rows: string[][]) => `\uFEFF${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;

test("template, a bad line refused by number with nothing written, a good file imported, export round-trips", async ({ page }) => {
  const actionNumber = ensureApprovedAction();
  await login(page, "caoxian.staff");
  const api = page.request;

  // The template: a download Excel opens as UTF-8, the header row and one example line.
  const template = await api.get("/api/registry/packages/template");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(template.headers()["content-disposition"]).toMatch(/^attachment; filename="packages-template\.csv"; filename\*=UTF-8''%E4%BF%83/);
  const templateBytes = await template.body();
  expect(templateBytes.subarray(0, 3)).toEqual(BOM);
  const [headerLine, exampleLine, rest] = templateBytes.subarray(3).toString("utf8").split("\r\n");
  expect(rest).toBe("");
  const header = headerLine!.split(",");
  expect(header.slice(0, 4)).toEqual(["编号(id)", "名称(name)", "所属行动编号(action)", "行业(sector)"]);
  const example = exampleLine!.split(",");
  const at = (name: string) => header.findIndex((h) => h.endsWith(`(${name})`));
  expect(example[at("area")]).toBe("371721");
  expect(example[at("department")]).toBe("曹县商务局");

  const prefix = `CSV导入${Date.now().toString(36)}-`;
  const line = (n: number, over: Record<string, string> = {}) => {
    const cells = [...example];
    cells[at("name")] = `${prefix}${n}`;
    cells[at("action")] = String(actionNumber);
    for (const [k, v] of Object.entries(over)) cells[at(k)] = v;
    return cells;
  };

  // One bad line among good ones: 422, the line and column named, nothing written.
  const auditsBefore = auditCount({ action: "record.import" });
  const bad = await importFile(api, "packages", csv([header, line(1), line(2), line(3, { budget_yuan: "12.345" }), line(4)]));
  expect(bad.status()).toBe(422);
  const refused = await bad.json();
  expect(refused.errors).toEqual([{ line: 4, column: "预算_元(budget_yuan)", message: "金额以元为单位，最多两位小数，如 1500.50。" }]);
  expect(refused.message).toBe("文件有 1 处错误，没有导入任何数据。请改正后重新导入。");
  expect(JSON.stringify(refused)).not.toMatch(/at \w+ \(|\.tsx?:\d+|sqlite/i);
  expect(countByNamePrefix("packages", prefix)).toBe(0);
  expect(auditCount({ action: "record.import" })).toBe(auditsBefore);

  // The same lines corrected: created and submitted for review.
  const good = await importFile(api, "packages", csv([header, line(1), line(2), line(3), line(4, { sector: "餐饮" })]));
  expect(good.status()).toBe(200);
  expect(await good.json()).toMatchObject({ created: 4, updated: 0, unchanged: 0, submitted: 4 });
  expect(countByNamePrefix("packages", prefix)).toBe(4);
  expect(submittedByTitlePrefix(prefix)).toBe(4);
  expect(auditCount({ action: "record.import" })).toBe(auditsBefore + 1);

  // Export with the list's filters (all pages), import it back unchanged, export again: same bytes.
  const query = `?q=${encodeURIComponent(prefix)}&sort=name&dir=asc&page=9`;
  const exported = await api.get(`/api/registry/packages/export${query}`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename="packages-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
  const first = await exported.body();
  const lines = first.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines).toHaveLength(5);
  expect(lines.slice(1).map((l) => l.split(",")[at("name")])).toEqual([1, 2, 3, 4].map((n) => `${prefix}${n}`));

  const roundTrip = await importFile(api, "packages", first, "exported.csv");
  expect(roundTrip.status()).toBe(200);
  expect(await roundTrip.json()).toMatchObject({ created: 0, updated: 0, unchanged: 4, submitted: 0 });
  expect(countByNamePrefix("packages", prefix)).toBe(4);
  const second = await (await api.get(`/api/registry/packages/export${query}`)).body();
  expect(second.equals(first)).toBe(true);
});

test("@security uploads that are not a UTF-8 text CSV are refused with a clear message", async ({ page }) => {
  await login(page, "caoxian.staff");
  const api = page.request;
  const message = async (content: Buffer) => {
    const response = await importFile(api, "events", content);
    expect(response.status()).toBe(400);
    return (await response.json()).message as string;
  };
  expect(await message(Buffer.alloc(0))).toBe("文件是空的。");
  expect(await message(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toContain("不是文本文件");
  expect(await message(Buffer.from([0x81, 0x20, 0xff, 0xff, 0x2c, 0x31]))).toContain("既不是 UTF-8 也不是 GBK");
  expect(await message(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61))).toBe("文件超过 5 MB 的上限，请分成几个文件导入。");
  const notMultipart = await api.post("/api/registry/events/import", { data: "a,b", headers: { "content-type": "text/csv" } });
  expect(notMultipart.status()).toBe(400);
  const policies = await importFile(api, "policies", "a,b");
  expect(policies.status()).toBe(404);
});

test("a GBK file (Excel's plain CSV on Chinese Windows) is read, not refused", async ({ page }) => {
  await login(page, "caoxian.staff");
  // "名称(name)\r\nx\r\n" with 名称 in GBK (C3FB B3C6): decoded, then refused for its missing columns.
  const gbk = Buffer.concat([Buffer.from([0xc3, 0xfb, 0xb3, 0xc6]), Buffer.from("(name)\r\nx\r\n")]);
  const response = await importFile(page.request, "events", gbk);
  expect(response.status()).toBe(422);
  expect(JSON.stringify(await response.json())).toContain("所属行动编号");
});

test("only staff import; every signed-in role may export", async ({ page }) => {
  await login(page, "caoxian.manager");
  const refused = await importFile(page.request, "carriers", csv([["名称(name)"], ["x"]]));
  expect(refused.status()).toBe(403);
  const exported = await page.request.get("/api/registry/carriers/export");
  expect(exported.status()).toBe(200);
  expect((await exported.body()).subarray(0, 3)).toEqual(BOM);
});

test("@security an import posted from a foreign Origin is refused", async ({ page }) => {
  await login(page, "mudan.staff");
  const foreign = await page.request.post("/api/registry/carriers/import", {
    headers: { Origin: "https://evil.example" },
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("名称(name)\r\nx\r\n") } },
  });
  expect(foreign.status()).toBe(403);
});

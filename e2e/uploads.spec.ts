import { request as httpRequest } from "node:http";
import { readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { createTestUser, e2eDb } from "./support/db";

// Every upload route refuses what is not a file it can read — too large (said before the body is
// read), the wrong type, binary, undecodable — with a message saying so, and writes nothing: no
// row, no job, no file left in uploads/. And uploads are rate-limited per user and per address.
// The routes: the statement upload (the body is the file), the registry CSV import and the
// baseline sales file (multipart). Server actions take no files (bodies are capped at 1 MB).

const count = (table: string) => (e2eDb().$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const uploadFiles = () => {
  // Where the statement upload keeps files (lib/imports/jobs.ts uploadsDir): beside the database.
  const dir = join(dirname(process.env.DATABASE_PATH!), "uploads");
  return existsSync(dir) ? readdirSync(dir).length : 0;
};

/** What the server writes for an upload, to compare before and after a refusal. */
function written() {
  return { jobs: count("jobs"), imports: count("statement_imports"), redemptions: count("redemptions"), events: count("events"), baselines: count("baseline_uploads"), baselineSales: count("baseline_sales"), files: uploadFiles() };
}

/** An approved batch `staff` may upload to (the city's catering batch of the demo). */
const batchId = () => (e2eDb().$client.prepare("select id from batches where code = 'HZ25-CATER-W1'").get() as { id: number }).id;

/**
 * Posts headers claiming a body of `declared` bytes and sends only the first kilobyte: the
 * answer must come without the server waiting for (or reading) the rest.
 */
async function postDeclaringSize(page: Page, baseURL: string, path: string, declared: number, contentType: string) {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const url = new URL(path, baseURL);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { cookie, origin: baseURL, "content-type": contentType, "content-length": String(declared) } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", reject);
    req.write(Buffer.alloc(1024, 0x61));
  });
}

/**
 * Signs in as a new staff member placed like `staff` (same department and area, so the same
 * batches): each test's uploads count against a user of its own (30 a minute by default).
 */
async function loginFreshStaff(page: Page, purpose: string) {
  const username = `${purpose}.${Date.now().toString(36)}`;
  await createTestUser({ username, password: DEMO_PASSWORD, role: "staff" });
  await login(page, username);
}

const multipartType = "multipart/form-data; boundary=----huimin";

async function statement(api: APIRequestContext, body: Buffer, contentType = "application/octet-stream") {
  const response = await api.post(`/api/batches/${batchId()}/imports?format=auto&name=s.csv`, { data: body, headers: { "content-type": contentType } });
  return { status: response.status(), message: String((await response.json()).message ?? "") };
}

test("@security the statement upload refuses an oversized, mistyped, binary, UTF-16 or empty body at the door, with a clear message, writing nothing", async ({ page, baseURL }) => {
  await loginFreshStaff(page, "statement.door");
  const before = written();
  const oversize = await postDeclaringSize(page, baseURL!, `/api/batches/${batchId()}/imports?format=auto`, 600 * 1024 * 1024, "application/octet-stream");
  expect(oversize.status).toBe(413);
  expect(JSON.parse(oversize.body).message).toBe("对账单文件超过 512 MB 的上限。");

  const api = page.request;
  const csvLine = Buffer.from("channel,order_id\r\n");
  expect(await statement(api, csvLine, "application/json")).toEqual({ status: 415, message: expect.stringContaining("请直接上传对账单文件") });
  expect(await statement(api, csvLine, multipartType)).toEqual({ status: 415, message: expect.stringContaining("请直接上传对账单文件") });
  expect(await statement(api, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]))).toEqual({ status: 400, message: expect.stringContaining("不是文本文件") });
  expect(await statement(api, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("channel", "utf16le")]))).toEqual({ status: 400, message: expect.stringContaining("UTF-16") });
  expect(await statement(api, Buffer.alloc(0))).toEqual({ status: 400, message: "对账单文件是空的。" });
  expect(written()).toEqual(before);
});

test("@security a statement that is text but neither UTF-8 nor GBK passes the door and is refused by the import with its reason, writing no row", async ({ page }) => {
  await loginFreshStaff(page, "statement.encoding");
  const before = written();
  // Bytes no GBK or UTF-8 decoder accepts (0xFF never starts a character in either), no NUL.
  const answer = await page.request.post(`/api/batches/${batchId()}/imports?format=csv&name=bad.csv`, { data: Buffer.from([0x63, 0x68, 0x61, 0xff, 0xff, 0x0d, 0x0a, 0x81, 0x20]), headers: { "content-type": "text/csv" } });
  expect(answer.status()).toBe(202);
  const { jobId } = (await answer.json()) as { jobId: number };
  let job: { status: string; message?: string } = { status: "queued" };
  await expect.poll(async () => (job = await (await page.request.get(`/api/imports/jobs/${jobId}`)).json()).status, { timeout: 20_000 }).toBe("failed");
  expect(job.message).toMatch(/无法识别该文件|编码|UTF-8|GBK/);
  const after = written();
  expect({ ...after, jobs: before.jobs }).toEqual(before);
});

async function csvUpload(api: APIRequestContext, path: string, content: Buffer, mimeType = "text/csv") {
  const response = await api.post(path, { multipart: { file: { name: "f.csv", mimeType, buffer: content } } });
  return { status: response.status(), message: String((await response.json()).message ?? "") };
}

for (const route of ["/api/registry/events/import", "/api/effects/baseline"]) {
  test(`@security ${route} refuses an oversized, non-multipart, binary, UTF-16 or undecodable file with a clear message, writing nothing`, async ({ page, baseURL }) => {
    await loginFreshStaff(page, route.split("/")[2]!);
    const before = written();
    const oversize = await postDeclaringSize(page, baseURL!, route, 50 * 1024 * 1024, multipartType);
    expect(oversize.status).toBe(400);
    expect(JSON.parse(oversize.body).message).toContain("超过 5 MB 的上限");
    const api = page.request;
    const notMultipart = await api.post(route, { data: "a,b\r\n", headers: { "content-type": "application/json" } });
    expect(notMultipart.status()).toBe(400);
    expect((await notMultipart.json()).message).toBeTruthy();
    expect(await csvUpload(api, route, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({ status: 400, message: expect.stringContaining("不是文本文件") });
    expect((await csvUpload(api, route, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b", "utf16le")]))).status).toBe(400);
    expect(await csvUpload(api, route, Buffer.from([0x81, 0x20, 0xff, 0xff, 0x2c, 0x31]))).toEqual({ status: 400, message: expect.stringContaining("既不是 UTF-8 也不是 GBK") });
    expect((await csvUpload(api, route, Buffer.alloc(5 * 1024 * 1024 + 1, 0x61))).status).toBe(400);
    expect(written()).toEqual(before);
  });
}

test("@security uploads are rate-limited per user: past the limit every upload route answers 429 with Retry-After and a clear message", async ({ page }) => {
  await loginFreshStaff(page, "upload.limit");
  const api = page.request;
  // The default: 30 uploads a minute per user (UPLOAD_MAX_PER_USER). Each of these is counted
  // at the door and then refused for its body, which costs the server nothing.
  for (let i = 0; i < 30; i++) {
    const response = await api.post("/api/registry/events/import", { data: "x", headers: { "content-type": "text/csv" } });
    expect(response.status(), `upload ${i + 1}`).toBe(400);
  }
  for (const [path, headers] of [
    ["/api/registry/events/import", { "content-type": "text/csv" }],
    ["/api/effects/baseline", { "content-type": "text/csv" }],
    [`/api/batches/${batchId()}/imports?format=auto`, { "content-type": "text/csv" }],
  ] as const) {
    const limited = await api.post(path, { data: "x", headers });
    expect(limited.status(), path).toBe(429);
    const retryAfter = Number(limited.headers()["retry-after"]);
    expect(retryAfter, path).toBeGreaterThan(0);
    expect(retryAfter, path).toBeLessThanOrEqual(60);
    expect((await limited.json()).message, path).toMatch(/^上传过于频繁，请在 \d+ 秒后再试。$/);
  }
  // Another user from the same address is not held back by this one's limit.
  const other = await page.context().browser()!.newContext();
  const otherPage = await other.newPage();
  await login(otherPage, "mudan.staff");
  expect((await otherPage.request.post("/api/registry/events/import", { data: "x", headers: { "content-type": "text/csv" } })).status()).toBe(400);
  await other.close();
});

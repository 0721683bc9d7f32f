import { test } from "node:test";
import assert from "node:assert/strict";
import zh from "@/lib/i18n/messages/zh-CN.json";
import en from "@/lib/i18n/messages/en.json";
import { MAX_UPLOAD_BYTES, decodeCsvBytes, readCsvUpload, sameOrigin, type UploadRefusal } from "./csv-upload";

function upload(bytes: Uint8Array | string | null, name = "packages.csv", headers: Record<string, string> = {}): Request {
  const form = new FormData();
  if (bytes !== null) form.set("file", new File([typeof bytes === "string" ? bytes : (bytes as BlobPart)], name, { type: "text/csv" }));
  return new Request("http://localhost/api/registry/packages/import", { method: "POST", body: form, headers });
}

const refusal = async (request: Request) => {
  const result = await readCsvUpload(request);
  return result.ok ? "ok" : result.reason;
};

test("a UTF-8 CSV file comes out as text, its BOM dropped", async () => {
  const result = await readCsvUpload(upload("\uFEFF名称(name)\r\n曹县\r\n"));
  assert.ok(result.ok);
  assert.equal(result.text, "名称(name)\r\n曹县\r\n");
  assert.equal(result.name, "packages.csv");
});

test("@security refused: not multipart, no file, empty, too large, binary, UTF-16, not UTF-8", async () => {
  assert.equal(await refusal(new Request("http://localhost/x", { method: "POST", body: "a,b", headers: { "content-type": "text/csv" } })), "notMultipart");
  assert.equal(await refusal(upload(null)), "fileMissing");
  assert.equal(await refusal(upload("", "")), "fileMissing");
  assert.equal(await refusal(upload("")), "fileEmpty");
  assert.equal(await refusal(upload("\uFEFF \r\n")), "fileEmpty");
  assert.equal(await refusal(upload("a".repeat(MAX_UPLOAD_BYTES + 1))), "fileTooLarge");
  assert.equal(await refusal(upload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), "book.xlsx")), "fileBinary");
  assert.equal(await refusal(upload(new Uint8Array([0xff, 0xfe, 0x0d, 0x54, 0x4f, 0x79]))), "fileUtf16");
  // 名称 in GBK, as Excel on Chinese Windows saves "CSV (comma delimited)".
  assert.equal(await refusal(upload(new Uint8Array([0x81, 0x20, 0xff, 0xff, 0x2c, 0x31]))), "fileNotUtf8");
});

test("@security an oversized body is given up while streaming, whatever Content-Length says", async () => {
  let pulled = 0;
  const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      if (pulled > 50) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const request = new Request("http://localhost/x", {
    method: "POST",
    body: stream,
    headers: { "content-type": "multipart/form-data; boundary=x" },
    duplex: "half",
  } as RequestInit);
  assert.equal(await refusal(request), "fileTooLarge");
  assert.ok(pulled < 10, `read ${pulled} MB`);
  assert.equal(await refusal(upload("a,b", "a.csv", { "content-length": String(50 * 1024 * 1024) })), "fileTooLarge");
});

test("decodeCsvBytes keeps valid UTF-8 as is", () => {
  const bytes = new TextEncoder().encode("编号(id),名称(name)\r\n,=1+1\r\n");
  assert.deepEqual(decodeCsvBytes(bytes), { ok: true, text: "编号(id),名称(name)\r\n,=1+1\r\n" });
});

test("every refusal has a message in both languages", () => {
  const reasons: UploadRefusal[] = ["notMultipart", "fileMissing", "fileEmpty", "fileTooLarge", "fileBinary", "fileUtf16", "fileNotUtf8"];
  for (const tree of [zh, en] as unknown as Array<{ csv: Record<string, string> }>) {
    for (const reason of reasons) assert.equal(typeof tree.csv[reason], "string", reason);
  }
});

test("@security sameOrigin: no Origin passes, this site passes, another site or a null origin does not", () => {
  const request = (headers: Record<string, string>) => new Request("http://huimin.example/api/registry/packages/import", { method: "POST", headers });
  assert.equal(sameOrigin(request({ host: "huimin.example" })), true);
  assert.equal(sameOrigin(request({ host: "huimin.example", origin: "http://huimin.example" })), true);
  assert.equal(sameOrigin(request({ host: "huimin.example", origin: "https://evil.example" })), false);
  assert.equal(sameOrigin(request({ host: "huimin.example", origin: "null" })), false);
  assert.equal(sameOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-host": "huimin.example", origin: "https://huimin.example" })), true);
});

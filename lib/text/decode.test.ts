import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeUtf8OrGbk } from "./decode";

test("UTF-8 with and without BOM, and GBK, decode to the same text", () => {
  const text = "名称(name),预算_元(budget_yuan)\r\n汽车以旧换新,1500.00\r\n";
  assert.deepEqual(decodeUtf8OrGbk(new TextEncoder().encode(text)), { text, encoding: "utf-8" });
  assert.equal(decodeUtf8OrGbk(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))?.text, text);
  // 名称 in GBK: C3FB B3C6
  assert.deepEqual(decodeUtf8OrGbk(new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0x31])), { text: "名称,1", encoding: "gbk" });
});

test("bytes that are neither UTF-8 nor GBK are refused", () => {
  assert.equal(decodeUtf8OrGbk(new Uint8Array([0x81, 0x20, 0xff, 0xff])), null);
});

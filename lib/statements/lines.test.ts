import { test } from "node:test";
import assert from "node:assert/strict";
import iconv from "iconv-lite";
import { decodeLines, sniffEncoding } from "./lines";
import { chunked } from "./test-helpers";

async function collect(source: Iterable<Buffer>, sniffBytes?: number) {
  const { encoding, lines } = await decodeLines(source, sniffBytes);
  const out: Array<[number, string]> = [];
  for await (const { first, texts } of lines) texts.forEach((text, i) => out.push([first + i, text]));
  return { encoding, out };
}

test("UTF-8 with and without BOM, CRLF and LF: numbered lines, BOM dropped, no empty last line", async () => {
  const expected = [
    [1, "交易时间,微信订单号"],
    [2, "`2025-06-01 10:00:00,`4200"],
    [3, ""],
    [4, "末行"],
  ];
  for (const bom of ["\uFEFF", ""]) {
    for (const eol of ["\r\n", "\n"]) {
      const text = `${bom}交易时间,微信订单号${eol}\`2025-06-01 10:00:00,\`4200${eol}${eol}末行${eol}`;
      const { encoding, out } = await collect([Buffer.from(text, "utf8")]);
      assert.equal(encoding, "utf-8");
      assert.deepEqual(out, expected, JSON.stringify({ bom, eol }));
    }
  }
});

test("a last line without a line break is read; a CR before it is not part of the text", async () => {
  const { out } = await collect([Buffer.from("a\r\nb\r", "utf8")]);
  assert.deepEqual(out, [
    [1, "a"],
    [2, "b"],
  ]);
});

test("GBK is detected and decoded", async () => {
  const bytes = iconv.encode("#支付宝业务明细查询\r\n#账号：[2088]\r\n", "gbk");
  assert.equal(sniffEncoding(bytes), "gbk");
  const { encoding, out } = await collect([bytes]);
  assert.equal(encoding, "gbk");
  assert.deepEqual(out, [
    [1, "#支付宝业务明细查询"],
    [2, "#账号：[2088]"],
  ]);
});

test("a chunk edge in the middle of a multi-byte character: UTF-8 still detected, text intact", async () => {
  const text = "商户名称,惠民消费券\r\n菏泽市牡丹区\r\n";
  const bytes = Buffer.from(text, "utf8");
  // "商" is 3 bytes: an edge after byte 1 and after byte 2 cuts it.
  for (const size of [1, 2, 4, 5, 7]) {
    // The sniff sees only the first chunk, which ends inside a character.
    const { encoding, out } = await collect(chunked(bytes, size), 1);
    assert.equal(encoding, "utf-8", `chunk size ${size}`);
    assert.deepEqual(out.map(([, t]) => t), ["商户名称,惠民消费券", "菏泽市牡丹区"], `chunk size ${size}`);
  }
  assert.equal(sniffEncoding(bytes.subarray(0, 2)), "utf-8");
});

test("GBK split across chunks mid character decodes intact", async () => {
  const bytes = iconv.encode("门店名称,券核销金额（元）\r\n牡丹区惠民超市\r\n", "gbk");
  for (const size of [1, 3, 5]) {
    const { encoding, out } = await collect(chunked(bytes, size), 8);
    assert.equal(encoding, "gbk");
    assert.deepEqual(out.map(([, t]) => t), ["门店名称,券核销金额（元）", "牡丹区惠民超市"]);
  }
});

test("an ASCII start decides nothing: the sniff reads on to the first non-ASCII byte", async () => {
  const bytes = Buffer.concat([Buffer.from(`channel,order_id\r\n${"unionpay,U1\r\n".repeat(100)}`, "utf8"), iconv.encode("菏泽\r\n", "gbk")]);
  const { encoding, out } = await collect(chunked(bytes, 16), 16);
  assert.equal(encoding, "gbk");
  assert.equal(out.at(-1)?.[1], "菏泽");
});

test("a file that is UTF-8 in its sniffed prefix but not after is refused, not garbled", async () => {
  const bytes = Buffer.concat([Buffer.from("商户,order_id\r\n", "utf8"), iconv.encode("菏泽\r\n", "gbk")]);
  await assert.rejects(collect(chunked(bytes, 4), 4), /statementEncoding/);
});

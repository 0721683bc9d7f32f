import { test } from "node:test";
import assert from "node:assert/strict";
import { count, money, NONE, percent, text, type ReportTable } from "./table";
import { escapeHtml, reportTableHtml } from "./table-html";

const table = (rows: ReportTable["rows"], foot?: ReportTable["foot"]): ReportTable => ({
  id: "merchants",
  title: "商户",
  caption: "按商户 <2025>",
  columns: [
    { key: "merchant", label: "商户", unit: "text" },
    { key: "gross", label: "拉动消费 G", unit: "yuan", unitLabel: "元" },
    { key: "count", label: "笔数", unit: "count", unitLabel: "笔" },
    { key: "share", label: "占比", unit: "percent", unitLabel: "%" },
  ],
  rows,
  foot,
});

test("@security a merchant name from a statement is text, never markup: <, >, &, quotes are escaped in cells, captions and links", () => {
  const hostile = `"><img src=x onerror=alert(1)>&<script>alert('x')</script>`;
  const html = reportTableHtml(table([[text(hostile, `/reports/merchants?q="><script>`), money(12_345), count(3), percent(375)]]), "zh-CN", "figures");
  assert.doesNotMatch(html, /<img|<script|onerror=alert\(1\)>/);
  assert.match(html, /&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;&amp;&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;/);
  assert.match(html, /<a href="\/reports\/merchants\?q=&quot;&gt;&lt;script&gt;">/);
  assert.match(html, /<caption>按商户 &lt;2025&gt;<\/caption>/);
  assert.equal(escapeHtml(`a&b<c>"d'`), "a&amp;b&lt;c&gt;&quot;d&#39;");
});

test("@security only a path of this site becomes a link: another origin, a protocol-relative or a javascript: address stays text", () => {
  for (const href of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
    const html = reportTableHtml(table([[text("甲", href), money(1), count(1), percent(1)]]), "zh-CN", "figures");
    assert.doesNotMatch(html, /<a /, href);
    assert.match(html, /<th scope="row">甲<\/th>/, href);
  }
  assert.match(reportTableHtml(table([[text("甲", "/reports/imports/7"), money(1), count(1), percent(1)]]), "zh-CN", "figures"), /<th scope="row"><a href="\/reports\/imports\/7">甲<\/a><\/th>/);
});

test("the table's markup: headers with units, a row header per row, numbers right-aligned, — for nothing known, totals at the foot with their own test id", () => {
  const html = reportTableHtml(table([[text("甲"), money(1_234_567), count(1200), NONE]], [[text("合计"), money(1_234_567), count(1200), percent(1000)]]), "en", "figures_x1");
  assert.equal(
    html,
    '<table id="table-merchants" class="figures_x1" data-testid="table-merchants"><caption>按商户 &lt;2025&gt;</caption>' +
      '<thead><tr><th scope="col">商户</th><th scope="col" class="num">拉动消费 G (元)</th><th scope="col" class="num">笔数 (笔)</th><th scope="col" class="num">占比 (%)</th></tr></thead>' +
      '<tbody><tr data-testid="table-merchants-row"><th scope="row">甲</th><td class="num nowrap">12,345.67</td><td class="num nowrap">1,200</td><td><span class="muted">—</span></td></tr></tbody>' +
      '<tfoot><tr data-testid="table-merchants-total"><th scope="row">合计</th><td class="num nowrap">12,345.67</td><td class="num nowrap">1,200</td><td class="num nowrap">100.0%</td></tr></tfoot></table>',
  );
});

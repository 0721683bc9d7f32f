import { test, expect, type Page } from "@playwright/test";
import { expectFieldError, unique } from "./support/admin";
import { approveInInbox, fillRecord, freeActionNumber, saveAndSubmit, signedIn } from "./support/registry-ui";

// The registry driven through its pages: city staff register the framework (a master policy,
// an action with a target), a county registers a package under it, managers approve each in
// their inbox, and a county outside the record's scope can neither see nor edit it.
// The demo seed may hold registry data of its own: names here are unique, numbers free.

test.describe.configure({ mode: "serial" });

const run = unique("");
const policyTitle = `e2e 提振消费总体方案 ${run}`;
const actionTitle = `e2e 汽车以旧换新 ${run}`;
const packageName = `e2e 新能源汽车下乡 ${run}`;
const draftName = `e2e 家电以旧换新 ${run}`;
let actionLabel = "";
let actionPathShared = "";
let packagePath = "";

test("city staff register a master policy and an action; the city manager approves both", async ({ browser }) => {
  const staff = await signedIn(browser, "staff");
  const manager = await signedIn(browser, "manager");

  await staff.goto("/registry/policies");
  await staff.getByTestId("new-record").click();
  await fillRecord(staff.getByTestId("record-form"), {
    标题: policyTitle,
    文号: `菏政发〔2025〕${run}号`,
    发布日期: "2025-01-10",
    级别: { select: "市级" },
    类型: { select: "总体方案" },
  });
  const policyPath = await saveAndSubmit(staff, "policies");
  await approveInInbox(manager, policyTitle, { type: "政策文件", values: ["总体方案", "2025-01-10"] });
  await manager.goto(policyPath);
  await expect(manager.getByTestId("record-status")).toHaveText("已通过");
  await expect(manager.getByTestId("history-row")).toHaveCount(1);
  await expect(manager.getByTestId("history-row")).toContainText("已通过");

  const number = freeActionNumber();
  actionLabel = `${number}. ${actionTitle}`;
  await staff.goto("/registry/actions/new");
  const form = staff.getByTestId("record-form");
  await fillRecord(form, {
    行动序号: String(number),
    中文标题: actionTitle,
    英文标题: `e2e car trade-in ${run}`,
    所属政策文件: { select: `${policyTitle}（菏政发〔2025〕${run}号）` },
    开始日期: "2025-01-01",
    结束日期: "2025-12-31",
    "目标 1：指标": { select: "政策包数量（个）" },
    "目标 1：目标值": "40",
  });
  await form.getByLabel("菏泽市财政局（菏泽市）").check();
  const actionPath = await saveAndSubmit(staff, "actions");
  await expect(staff.getByTestId("record-values").getByTestId("targets-table")).toContainText("政策包数量");
  await approveInInbox(manager, actionLabel, { type: "行动", values: ["政策包数量", "40", "菏泽市财政局"] });
  actionPathShared = actionPath;
  await staff.goto(actionPath);
  await expect(staff.getByTestId("record-status")).toHaveText("已通过");
  // Nothing approved under it yet: its package target stands at 0 of 40.
  await expect(staff.getByTestId("action-progress").getByTestId("target-packages").getByTestId("target-actual")).toHaveText(/^0\s*个$/);
  await expect(staff.getByTestId("record-values")).toContainText("菏泽市财政局");
});

test("county staff register a package, fix a bad budget, submit; the county manager approves it", async ({ browser }) => {
  const county = await signedIn(browser, "caoxian.staff");
  await county.goto("/registry/packages/new");
  const form = county.getByTestId("record-form");
  const packageValues = {
    名称: packageName,
    所属行动: { select: actionLabel },
    领域: { select: "汽车类" },
    优惠内容: "购车满10万元减3000元",
    "预算（元）": "12.345",
    开始日期: "2025-03-01",
    结束日期: "2025-06-30",
  };
  await fillRecord(form, packageValues);
  await form.getByRole("button", { name: "保存草稿" }).click();
  await expect(form.getByTestId("form-error")).toHaveText("提交的内容有误，请按提示修改。");
  await expectFieldError(form, "预算（元）", "金额以元为单位，最多两位小数，如 1500.50。");
  await expect(form.getByLabel("名称", { exact: true })).toHaveValue(packageName);
  await expect(county).toHaveURL(/\/registry\/packages\/new$/);

  await form.getByLabel("预算（元）", { exact: true }).fill("1,500,000.50");
  packagePath = await saveAndSubmit(county, "packages");
  await expect(county.getByTestId("record-values")).toContainText("1,500,000.50 元");

  const countyManager = await signedIn(browser, "caoxian.manager");
  await approveInInbox(countyManager, packageName, { type: "促消费政策包", values: ["汽车类", "1,500,000.50 元", actionLabel] });

  await county.goto(`/registry/packages?q=${encodeURIComponent(packageName)}`);
  const row = county.getByTestId("registry-row").filter({ hasText: packageName });
  await expect(row).toContainText("已通过");
  await expect(row).toContainText("150.00");
  await expect(row).toContainText(actionLabel);
  await expect(county.locator("thead")).toContainText("预算（万元）");

  // The approved package counts on its action's page; the draft below never does.
  await county.goto(actionPathShared);
  const progress = county.getByTestId("action-progress");
  await expect(progress.getByTestId("target-packages").getByTestId("target-actual")).toHaveText(/^1\s*个$/);
  await expect(progress.getByTestId("target-packages").getByTestId("target-percent")).toContainText("2.5");
  await expect(progress.getByTestId("total-packages")).toContainText("1");
});

test("@security staff of another county get 403 for the package's edit page and 404 for its page", async ({ browser }) => {
  const other = await signedIn(browser, "mudan.staff");
  let response = await other.goto(`${packagePath}/edit`);
  expect(response?.status()).toBe(403);
  await expect(other.getByTestId("forbidden")).toBeVisible();
  response = await other.goto(packagePath);
  expect(response?.status()).toBe(404);
  await expect(other.getByTestId("not-found")).toBeVisible();
  await other.goto(`/registry/packages?q=${encodeURIComponent(packageName)}`);
  await expect(other.getByTestId("registry-row")).toHaveCount(0);
});

async function search(page: Page, q: string, status?: string) {
  const filters = page.getByTestId("registry-filters");
  await filters.getByLabel("搜索").fill(q);
  await filters.getByLabel("状态").selectOption({ label: status ?? "全部" });
  await filters.getByRole("button", { name: "查询" }).click();
}

test("the list's search and status filter narrow it, and live in the URL", async ({ browser }) => {
  const county = await signedIn(browser, "caoxian.staff");
  await county.goto("/registry/packages/new");
  await fillRecord(county.getByTestId("record-form"), {
    名称: draftName,
    所属行动: { select: actionLabel },
    领域: { select: "家用电器和音像器材类" },
    优惠内容: "以旧换新补贴 15%",
    "预算（元）": "800000",
    开始日期: "2025-05-01",
    结束日期: "2025-10-31",
  });
  await county.getByTestId("record-form").getByRole("button", { name: "保存草稿" }).click();
  await expect(county.getByTestId("record-saved")).toBeVisible();

  await county.goto("/registry/packages");
  await search(county, `e2e`);
  const rows = county.getByTestId("registry-row");
  await expect(rows.filter({ hasText: packageName })).toHaveCount(1);
  await expect(rows.filter({ hasText: draftName })).toHaveCount(1);

  await search(county, run, "已通过");
  await expect(county).toHaveURL(/[?&]status=approved/);
  await expect(county).toHaveURL(new RegExp(`[?&]q=${run}`));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(packageName);

  await search(county, run, "草稿");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(draftName);
  await expect(rows.first().getByTestId("record-status")).toHaveText("草稿");

  await search(county, `no such package ${run}`);
  await expect(county.getByTestId("registry-empty")).toHaveText("没有符合条件的记录。");

  // A money column sorts largest first; the same header again turns the order round.
  await search(county, run);
  const budgetHeader = county.getByRole("link", { name: /预算（万元）/ });
  await budgetHeader.click();
  await expect(county).toHaveURL(/sort=budgetFen$/);
  await expect(rows.locator("td.num")).toHaveText(["150.00", "80.00"]);
  await budgetHeader.click();
  await expect(county).toHaveURL(/sort=budgetFen&dir=asc$/);
  await expect(rows.locator("td.num")).toHaveText(["80.00", "150.00"]);
});

test("every role finds the registry in the navigation; only staff may add; an unknown record type is 404", async ({ browser }) => {
  for (const role of ["staff", "auditor"]) {
    const page = await signedIn(browser, role);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await nav.getByRole("link", { name: "登记" }).click();
    await expect(page).toHaveURL(/\/registry\/packages$/);
    const tabs = page.getByTestId("registry-tabs");
    await tabs.getByRole("link", { name: "十大行动" }).click();
    await expect(page).toHaveURL(/\/registry\/actions$/);
    await expect(nav.getByRole("link", { name: "登记" })).toHaveAttribute("aria-current", "page");
    await expect(tabs.getByRole("link", { name: "十大行动" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("new-record")).toHaveCount(role === "staff" ? 1 : 0);
    const response = await page.goto("/registry/vouchers");
    expect(response?.status()).toBe(404);
    await page.context().close();
  }
});

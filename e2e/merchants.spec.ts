import { test, expect } from "@playwright/test";
import { unique } from "./support/admin";
import { signedIn } from "./support/registry-ui";

// Merchants as county and city staff keep them: one registered before its first statement, one
// the demo's statements named before anyone registered it, reviewed by saving its details.

test("曹县 staff register a merchant in their county; it is listed, reviewed, with its 商户号", async ({ browser }) => {
  const staff = await signedIn(browser, "caoxian.staff");
  const name = `e2e 曹县烧饼 ${unique("")}`;
  const id = `1677${Date.now().toString().slice(-6)}`;
  await staff.goto("/merchants");
  await staff.getByTestId("new-merchant").click();
  const form = staff.getByTestId("merchant-create-form");
  await form.getByLabel("名称").fill(name);
  await form.getByLabel("行业").selectOption({ label: "餐饮" });
  // A county's staff can choose only their own county.
  await expect(form.getByLabel("区域").locator("option")).toHaveText(["请选择", "曹县"]);
  await form.getByLabel("区域").selectOption({ label: "曹县" });
  await form.getByLabel("渠道").selectOption({ label: "微信支付" });
  await form.getByLabel("商户号 / 账号").fill(id);
  await form.getByRole("button", { name: "新建" }).click();
  await expect(staff.getByTestId("merchant-created")).toBeVisible();
  await expect(staff.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(staff.getByTestId("merchant-channel-table")).toContainText(id);
  await expect(staff.getByText("待复核", { exact: true })).toHaveCount(0);
});

test("a merchant first seen in a statement is reviewed by saving its details: the flag clears", async ({ browser }) => {
  const staff = await signedIn(browser, "staff");
  await staff.goto("/merchants?q=1609990002");
  await staff.getByRole("link", { name: "1609990002" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toContainText("待复核");
  const form = staff.getByTestId("merchant-edit-form");
  await form.getByLabel("名称").fill("夜市小吃（东方红大街）");
  await form.getByLabel("行业").selectOption({ label: "餐饮" });
  await form.getByLabel("区域").selectOption({ label: "牡丹区" });
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toContainText("已保存");
  await staff.reload();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(/夜市小吃（东方红大街）/);
  await expect(staff.getByRole("heading", { level: 1 })).not.toContainText("待复核");
});

// Helpers for the registry UI spec: a signed-in browser per user, the record form by its labels,
// submitting a saved draft, and deciding a submission in the inbox.
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { login } from "./auth";
import { e2eDb } from "./db";

/** A browser of its own (own cookies) in which `username` is signed in. */
export async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, username);
  return page;
}

/** Fills the record form: text and dates by label; `{ select: label }` picks an option by its text. */
export async function fillRecord(form: Locator, values: Record<string, string | { select: string } | { check: true }>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const field = form.getByLabel(label, { exact: true });
    if (typeof value === "string") await field.fill(value);
    else if ("select" in value) await field.selectOption({ label: value.select });
    else await field.check();
  }
}

/** Saves the form as a draft, lands on the record's page and submits it; returns the record's path. */
export async function saveAndSubmit(page: Page, segment: string): Promise<string> {
  await page.getByTestId("record-form").getByRole("button", { name: "保存草稿" }).click();
  await expect(page).toHaveURL(new RegExp(`/registry/${segment}/\\d+\\?saved=1$`));
  await expect(page.getByTestId("record-saved")).toHaveText("已保存为草稿。核对无误后请提交审核。");
  await page.getByTestId("submit-record-form").getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("record-awaiting")).toHaveText("已提交审核，等待审核人处理。");
  await expect(page.getByTestId("record-status").first()).toHaveText("待审核");
  return new URL(page.url()).pathname;
}

/** The manager's inbox row of a submission: its type, its submitted values, then approval. */
export async function approveInInbox(page: Page, title: string, expected: { type: string; values: string[] }): Promise<void> {
  await page.goto("/inbox");
  const row = page.getByTestId("inbox-row").filter({ hasText: title });
  await expect(row).toHaveCount(1);
  await expect(row.locator("td").first()).toHaveText(expected.type);
  await row.getByText("提交的内容").click();
  for (const value of expected.values) await expect(row.getByTestId("inbox-values")).toContainText(value);
  await row.getByTestId("approve-form").getByRole("button", { name: "通过" }).click();
  await expect(page.getByTestId("inbox-row").filter({ hasText: title })).toHaveCount(0);
}

/** A free action number (1 on the fresh e2e database; the next one if the seed registers actions). */
/** The lowest action number not yet taken (the progress fixtures take theirs from 99 down). */
export function freeActionNumber(): number {
  const taken = new Set((e2eDb().$client.prepare("select number from actions").all() as Array<{ number: number }>).map((r) => r.number));
  for (let n = 1; n <= 99; n++) if (!taken.has(n)) return n;
  throw new Error("no free action number");
}

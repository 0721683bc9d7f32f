import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { approveRevisionAction, returnRevisionAction } from "@/lib/workflow/actions";

/** Approve, or return with a reason: the two decisions a manager can take on a submission. */
export async function DecisionForms({ revisionId }: { revisionId: number }) {
  const t = await getTranslations("inbox");
  return (
    <div className="row-actions">
      <ActionForm
        action={approveRevisionAction}
        hidden={{ id: revisionId }}
        fields={[]}
        submitLabel={t("approve")}
        pendingLabel={t("approving")}
        messages={{ approved: t("approved") }}
        testId="approve-form"
      />
      <details>
        <summary>{t("return")}</summary>
        <ActionForm
          action={returnRevisionAction}
          hidden={{ id: revisionId }}
          fields={[{ name: "comment", label: t("comment"), type: "textarea", required: true, hint: t("returnHelp") }]}
          tone="danger"
          submitLabel={t("return")}
          pendingLabel={t("returning")}
          messages={{ returned: t("returned") }}
          testId="return-form"
        />
      </details>
    </div>
  );
}

"use client";
// One form component for every guarded action: per-field errors under each field
// (aria-describedby), the submitted values kept after a failed submit (React 19 resets forms).
import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/auth/guard";

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  name: string;
  label: string;
  type?: "text" | "password" | "select" | "checkbox" | "textarea" | "date";
  defaultValue?: string | boolean;
  options?: FieldOption[];
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
}

type Action = (prev: ActionResult | undefined, formData: FormData) => Promise<ActionResult>;

function SubmitButton({ label, pendingLabel, tone }: { label: string; pendingLabel: string; tone?: "danger" | "secondary" }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={`button ${tone ?? ""}`} disabled={pending} aria-busy={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}

export function ActionForm(props: {
  action: Action;
  fields: FormField[];
  hidden?: Record<string, string | number>;
  submitLabel: string;
  pendingLabel: string;
  /** Shown when the action succeeds; keys of `messages` choose by the action's message. */
  messages?: Record<string, string>;
  successMessage?: string;
  tone?: "danger" | "secondary";
  layout?: "stack" | "inline";
  testId?: string;
}) {
  const [state, formAction] = useActionState(props.action as (s: ActionResult | undefined, f: FormData) => Promise<ActionResult>, undefined);
  const formId = useId();
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const success = state?.ok ? (state.message && props.messages?.[state.message]) || props.successMessage : undefined;

  return (
    <form action={formAction} className={props.layout ?? "stack"} data-testid={props.testId} noValidate>
      {state && !state.ok && (
        <p className="notice bad" role="alert" aria-label={state.message} data-testid="form-error">
          {state.message}
        </p>
      )}
      {success && (
        <p className="notice ok" role="status" data-testid="form-success">
          {success}
        </p>
      )}
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
      {props.fields.map((field) => {
        const id = `${formId}-${field.name}`;
        const fieldErrors = errors?.[field.name];
        const describedBy = [fieldErrors?.length ? `${id}-error` : null, field.hint ? `${id}-hint` : null]
          .filter(Boolean)
          .join(" ");
        // After a failed submit an unchecked checkbox is simply absent from the values: keep it unchecked.
        const current = values
          ? field.name in values
            ? values[field.name]
            : field.type === "checkbox"
              ? ""
              : field.defaultValue
          : field.defaultValue;
        const common = {
          id,
          name: field.name,
          "aria-invalid": fieldErrors?.length ? true : undefined,
          "aria-describedby": describedBy || undefined,
          required: field.required,
        };
        // Remount after each submit so defaultValue shows what was sent back.
        const key = `${field.name}-${JSON.stringify(current ?? "")}`;
        return (
          <div className="field" key={field.name}>
            {field.type === "checkbox" ? (
              <label className="checkbox" htmlFor={id}>
                <input key={key} type="checkbox" {...common} defaultChecked={current === true || current === "on" || current === "true"} />
                {field.label}
              </label>
            ) : (
              <label htmlFor={id}>{field.label}</label>
            )}
            {field.type === "select" ? (
              <select key={key} {...common} defaultValue={typeof current === "string" ? current : ""}>
                {field.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : field.type === "textarea" ? (
              <textarea key={key} {...common} rows={3} defaultValue={typeof current === "string" ? current : ""} />
            ) : field.type === "checkbox" ? null : (
              <input
                key={field.type === "password" ? field.name : key}
                type={field.type ?? "text"}
                {...common}
                autoComplete={field.autoComplete}
                placeholder={field.placeholder}
                defaultValue={field.type === "password" ? undefined : typeof current === "string" ? current : ""}
              />
            )}
            {field.hint && (
              <span className="hint" id={`${id}-hint`}>
                {field.hint}
              </span>
            )}
            {fieldErrors?.length ? (
              <span className="error" id={`${id}-error`}>
                {fieldErrors.join(" ")}
              </span>
            ) : null}
          </div>
        );
      })}
      <div>
        <SubmitButton label={props.submitLabel} pendingLabel={props.pendingLabel} tone={props.tone} />
      </div>
    </form>
  );
}

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
  /** "checkboxes": a group of choices sent as repeated values of one name. */
  type?: "text" | "password" | "select" | "checkbox" | "checkboxes" | "textarea" | "date";
  defaultValue?: string | boolean | string[];
  options?: FieldOption[];
  /** Consecutive fields with the same row key are laid out side by side. */
  row?: string;
  inputMode?: "numeric" | "decimal";
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
      {groupRows(props.fields).map((group) =>
        group.length === 1 ? (
          renderField(group[0]!, formId, values, errors)
        ) : (
          <div className="field-row" key={group.map((f) => f.name).join(" ")}>
            {group.map((field) => renderField(field, formId, values, errors))}
          </div>
        ),
      )}
      <div>
        <SubmitButton label={props.submitLabel} pendingLabel={props.pendingLabel} tone={props.tone} />
      </div>
    </form>
  );
}

/** Runs of fields sharing a `row` key; a field without one stands alone. */
function groupRows(fields: FormField[]): FormField[][] {
  const groups: FormField[][] = [];
  for (const field of fields) {
    const last = groups.at(-1);
    if (field.row && last?.[0]?.row === field.row) last.push(field);
    else groups.push([field]);
  }
  return groups;
}

/** The values a multi-choice holds: an array as given, or the comma-joined text sent back after a failed submit. */
function chosen(value: string | boolean | string[] | undefined): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === "string" && value ? value.split(",") : [];
}

function renderField(field: FormField, formId: string, values: Record<string, string> | undefined, errors: Record<string, string[] | undefined> | undefined) {
  const id = `${formId}-${field.name}`;
  const fieldErrors = errors?.[field.name];
  const describedBy = [fieldErrors?.length ? `${id}-error` : null, field.hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  // After a failed submit an unchecked box is simply absent from the values: keep it unchecked.
  const unchecked = field.type === "checkbox" || field.type === "checkboxes" ? "" : field.defaultValue;
  const current = values ? (field.name in values ? values[field.name] : unchecked) : field.defaultValue;
  const common = {
    id,
    name: field.name,
    "aria-invalid": fieldErrors?.length ? true : undefined,
    "aria-describedby": describedBy || undefined,
    required: field.required,
  };
  // Remount after each submit so defaultValue shows what was sent back.
  const key = `${field.name}-${JSON.stringify(current ?? "")}`;
  const text = typeof current === "string" ? current : "";
  const help = (
    <>
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
    </>
  );
  if (field.type === "checkboxes") {
    const checked = chosen(current);
    return (
      <fieldset className="field choices" key={field.name} id={id} aria-describedby={common["aria-describedby"]} aria-invalid={common["aria-invalid"]}>
        <legend>{field.label}</legend>
        <div className="choice-list" key={key}>
          {field.options?.map((o) => (
            <label className="checkbox" key={o.value}>
              <input type="checkbox" name={field.name} value={o.value} defaultChecked={checked.includes(o.value)} />
              {o.label}
            </label>
          ))}
        </div>
        {help}
      </fieldset>
    );
  }
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
        <select key={key} {...common} defaultValue={text}>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.type === "textarea" ? (
        <textarea key={key} {...common} rows={3} defaultValue={text} />
      ) : field.type === "checkbox" ? null : (
        <input
          key={field.type === "password" ? field.name : key}
          type={field.type ?? "text"}
          {...common}
          autoComplete={field.autoComplete}
          placeholder={field.placeholder}
          inputMode={field.inputMode}
          defaultValue={field.type === "password" ? undefined : text}
        />
      )}
      {help}
    </div>
  );
}

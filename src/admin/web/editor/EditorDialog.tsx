/** @jsxImportSource react */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

export interface DialogField {
  name: string;
  label: string;
  value: string;
  required?: boolean;
  hint?: string;
}

export interface DialogProblem {
  field: string;
  message: string;
}

export interface EditorDialogProps {
  title: string;
  fields: DialogField[];
  labels: { apply: string; cancel: string; required: string };
  /** Shown above the fields (the uploaded image whose description is asked). */
  preview?: ReactNode;
  /** A problem with the values, or undefined when they can be applied. */
  validate?(values: Record<string, string>): DialogProblem | undefined;
  onSubmit(values: Record<string, string>): void;
  onCancel(): void;
}

/**
 * A modal form asking for a few values (an address, an alternative text…). The native dialog
 * keeps focus inside and closes on Escape; a missing or wrong value is said next to its field.
 */
export function EditorDialog({ title, fields, labels, preview, validate, onSubmit, onCancel }: EditorDialogProps) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.name, field.value])));
  const [problem, setProblem] = useState<DialogProblem>();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = fields.find((field) => field.required && !values[field.name]?.trim());
    const found = missing ? { field: missing.name, message: labels.required } : validate?.(values);
    setProblem(found);
    if (found) {
      dialog.current?.querySelector<HTMLInputElement>(`[name="${found.field}"]`)?.focus();
      return;
    }
    onSubmit(values);
  };

  return (
    <dialog ref={dialog} className="editor-dialog" aria-labelledby={`${id}-heading`} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-heading`}>{title}</h2>
        {preview}
        {fields.map((field, index) => {
          const error = problem?.field === field.name ? problem.message : undefined;
          const describedBy = [field.hint ? `${id}-field-${field.name}-hint` : '', error ? `${id}-field-${field.name}-error` : ''].filter(Boolean).join(' ');
          return (
            <div className="field" key={field.name}>
              <label htmlFor={`${id}-field-${field.name}`}>{field.label}</label>
              <input
                id={`${id}-field-${field.name}`}
                name={field.name}
                value={values[field.name] ?? ''}
                autoFocus={index === 0}
                aria-required={field.required || undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy || undefined}
                onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
              />
              {field.hint && (
                <p className="hint" id={`${id}-field-${field.name}-hint`}>
                  {field.hint}
                </p>
              )}
              {error && (
                <p className="field-error" id={`${id}-field-${field.name}-error`} role="alert">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        <div className="dialog-actions">
          <button type="submit">{labels.apply}</button>
          <button type="button" onClick={onCancel}>
            {labels.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { ApiError } from '../lib/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldMatches, useErrorSentence } from './Feedback.tsx';

interface FieldFrame {
  label: string;
  /** The API's name of the field: an error naming it is shown here. */
  name: string;
  error?: ApiError | null | undefined;
  hint?: ReactNode;
  /** Shows "n / max characters" under the field. */
  counter?: { length: number; max: number } | undefined;
}

function useFieldFrame({ name, error, hint, counter }: FieldFrame) {
  const id = useId();
  const sentence = useErrorSentence();
  const { t } = useI18n();
  const fieldError = error && fieldMatches(error.field, name) ? sentence(error) : null;
  const describedBy = [hint ? id + '-hint' : '', counter ? id + '-counter' : '', fieldError ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
  const after = (
    <>
      {hint && (
        <p className="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {counter && (
        <p className={counter.length > counter.max ? 'counter counter-over' : 'counter'} id={id + '-counter'}>
          {t('field.counter', { length: counter.length, max: counter.max })}
        </p>
      )}
      {fieldError && (
        <p className="field-error" id={id + '-error'} role="alert">
          {fieldError}
        </p>
      )}
    </>
  );
  return { id, describedBy, invalid: Boolean(fieldError), after };
}

type TextFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'onChange' | 'value'> & { value: string; onChange(value: string): void };

export function TextField({ label, name, error, hint, counter, value, onChange, ...input }: TextFieldProps) {
  const frame = useFieldFrame({ label, name, error, hint, counter });
  return (
    <div className="field">
      <label htmlFor={frame.id}>{label}</label>
      <input
        {...input}
        id={frame.id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={frame.invalid || undefined}
        aria-describedby={frame.describedBy}
      />
      {frame.after}
    </div>
  );
}

type TextAreaProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'onChange' | 'value'> & { value: string; onChange(value: string): void };

export function TextArea({ label, name, error, hint, counter, value, onChange, ...input }: TextAreaProps) {
  const frame = useFieldFrame({ label, name, error, hint, counter });
  return (
    <div className="field">
      <label htmlFor={frame.id}>{label}</label>
      <textarea
        {...input}
        id={frame.id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={frame.invalid || undefined}
        aria-describedby={frame.describedBy}
      />
      {frame.after}
    </div>
  );
}

type SelectProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'onChange' | 'value'> & {
    value: string;
    onChange(value: string): void;
    options: readonly { value: string; label: string }[];
  };

export function SelectField({ label, name, error, hint, value, onChange, options, ...select }: SelectProps) {
  const frame = useFieldFrame({ label, name, error, hint });
  return (
    <div className="field">
      <label htmlFor={frame.id}>{label}</label>
      <select
        {...select}
        id={frame.id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={frame.invalid || undefined}
        aria-describedby={frame.describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {frame.after}
    </div>
  );
}

export function Checkbox({ label, checked, onChange, name, hint }: { label: string; checked: boolean; onChange(checked: boolean): void; name: string; hint?: string }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input type="checkbox" id={id} name={name} checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={hint ? id + '-hint' : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function SubmitButton({ busy, children }: { busy: boolean; children: string }) {
  return (
    <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

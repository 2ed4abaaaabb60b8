import { cloneElement, type InputHTMLAttributes, type ReactElement } from 'react';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  errorTestId?: string;
  children: ReactElement<InputHTMLAttributes<HTMLInputElement>>;
}

/** A labelled form control whose hint and error are announced with it. */
export function Field({ id, label, hint, error, errorTestId, children }: Props) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

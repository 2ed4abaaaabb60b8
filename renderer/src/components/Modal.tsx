import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  /** False while work is running that closing would orphan. */
  closable?: boolean;
  wide?: boolean;
  /** Overrides `wide`: `xwide` fits two lists side by side. */
  size?: 'normal' | 'wide' | 'xwide';
  testId?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLDialogElement>) => void;
  children: ReactNode;
}

/**
 * A native modal dialog: the browser traps focus and inerts the page behind it. Closing stays with React state,
 * so Escape is intercepted rather than left to close the element behind React's back.
 */
export function Modal({ title, onClose, closable = true, wide = false, size, testId, onKeyDown, children }: Props) {
  const width = size ?? (wide ? 'wide' : 'normal');
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    const returnTo = document.activeElement;
    element?.showModal();
    // Start on the dialog itself rather than on its first button (Close); content moves focus once it is ready.
    element?.focus();
    return () => {
      element?.close();
      if (returnTo instanceof HTMLElement) returnTo.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={width === 'normal' ? 'modal' : `modal modal--${width}`}
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid={testId}
      onCancel={(event) => event.preventDefault()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          if (closable) onClose();
          return;
        }
        onKeyDown?.(event);
      }}
    >
      <header className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn--ghost btn--icon" aria-label="Close" disabled={!closable} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

import { useEffect, useEffectEvent } from 'react';

/** Key (as in `KeyboardEvent.key`) → action. */
export type Keymap = Partial<Record<string, (event: KeyboardEvent) => void>>;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts for the review screen. They stay silent while the reviewer types in a field, while a modal
 * dialog is open (it owns the keyboard then) and when a modifier is held, so browser and OS chords keep working.
 */
export function useShortcuts(keymap: Keymap): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
    // Caps Lock must not disable the letter shortcuts.
    const action = keymap[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!action) return;
    event.preventDefault();
    action(event);
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Modal } from '../Modal';
import { RedactedText } from '../RedactedText';
import '../../styles/case-links.css';
import type { MessageSpan } from './selection';
import { matching, reach, spanOf, tokenize } from './tokens';

interface Props {
  /** The case's de-identified texts: the request messages in order, then the response. */
  fields: readonly string[];
  /** A name per field for the list, e.g. "User" or "Model response". */
  fieldNames: readonly string[];
  onChoose: (span: MessageSpan) => void;
  onClose: () => void;
}

/** Rows drawn at most; typing narrows the list. */
const SHOWN = 200;
/** Characters of context drawn each side of the span. */
const CONTEXT_CHARS = 40;

function around(text: string, start: number, end: number): { before: string; after: string } {
  const before = text.slice(Math.max(0, start - CONTEXT_CHARS), start).replace(/\s+/g, ' ');
  const after = text.slice(end, end + CONTEXT_CHARS).replace(/\s+/g, ' ');
  return { before: (start > CONTEXT_CHARS ? '…' : '') + before, after: after + (end + CONTEXT_CHARS < text.length ? '…' : '') };
}

/**
 * Missed PII without the mouse: the words of the de-identified case, narrowed by typing. ↑/↓ choose where the
 * span starts, Shift+→/← widen or narrow it word by word within the message, Enter takes it to the type choice.
 */
export function SpanPicker({ fields, fieldNames, onChoose, onClose }: Props) {
  const tokens = useMemo(() => tokenize(fields), [fields]);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [extra, setExtra] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const found = useMemo(() => matching(tokens, filter), [tokens, filter]);
  const shown = found.slice(0, SHOWN);
  const current = shown[Math.min(active, shown.length - 1)];
  const span = current === undefined ? null : spanOf(tokens, fields, current, extra);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (current !== undefined) document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [current, listId]);

  function move(to: number) {
    setActive(Math.max(0, Math.min(to, shown.length - 1)));
    setExtra(0);
  }

  return (
    <Modal
      title="Report missed personal data"
      onClose={onClose}
      size="wide"
      testId="missed-span-dialog"
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          move(active + (event.key === 'ArrowDown' ? 1 : -1));
        } else if (event.key === 'PageDown' || event.key === 'PageUp') {
          event.preventDefault();
          move(active + (event.key === 'PageDown' ? 10 : -10));
        } else if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft') && current !== undefined) {
          event.preventDefault();
          const next = Math.max(0, extra + (event.key === 'ArrowRight' ? 1 : -1));
          setExtra(reach(tokens, fields, current, next));
        } else if (event.key === 'Enter' && span) {
          event.preventDefault();
          onChoose(span);
        }
      }}
    >
      <p className="review-note">
        Type to find the missed text. <kbd>↑</kbd> <kbd>↓</kbd> choose where it starts, <kbd>Shift</kbd>+<kbd>→</kbd>{' '}
        <kbd>←</kbd> take more or fewer words, <kbd>Enter</kbd> to choose its type.
      </p>
      <input
        ref={input}
        className="span-filter"
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={filter}
        placeholder="Find a word"
        aria-label="Find a word in the case"
        aria-controls={listId}
        aria-activedescendant={current === undefined ? undefined : `${listId}-${current}`}
        onChange={(event) => {
          setFilter(event.target.value);
          setActive(0);
          setExtra(0);
        }}
        data-testid="missed-span-filter"
      />
      <p className="span-count" data-testid="missed-span-count">
        {found.length === 0
          ? 'No word matches.'
          : `${found.length.toLocaleString()} ${found.length === 1 ? 'word' : 'words'}${found.length > SHOWN ? `, the first ${SHOWN} shown` : ''}`}
      </p>
      <ul className="span-list" id={listId} role="listbox" aria-label="Words of the case" data-testid="missed-span-list">
        {shown.map((index, i) => {
          const selected = i === Math.min(active, shown.length - 1);
          const token = tokens[index]!;
          const chosen = selected && span ? span : { start: token.start, end: token.end, text: token.text };
          const { before, after } = around(fields[token.field]!, chosen.start, chosen.end);
          return (
            <li
              key={index}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={selected}
              className="span-option"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => (selected && span ? onChoose(span) : move(i))}
              data-testid="missed-span-option"
            >
              <span className="span-field">{fieldNames[token.field]}</span>
              <span className="span-context">
                <RedactedText text={before} />
                <mark data-testid={selected ? 'missed-span-chosen' : undefined}>{chosen.text}</mark>
                <RedactedText text={after} />
              </span>
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}

import '../../styles/replaced-notice.css';
import { PlaceholderChip } from '../RedactedText';
import { replacedSentence, type ReplacedNoticeData } from './replaced';

interface Props {
  notice: ReplacedNoticeData;
  onDismiss: () => void;
}

/** Chips shown before the rest are counted ("+2 more"), so the notice stays on one line. */
const SHOWN = 4;
const WHY = 'The values you typed stay in the encrypted vault and never reach an export.';

/**
 * Tells the reviewer, calmly and on one line, that identifiers they typed were stored as placeholders: the
 * placeholders as chips, why on hover and for screen readers (the originals stay in the encrypted vault), and a
 * way to dismiss it. Never the typed values.
 */
export function ReplacedNotice({ notice, onDismiss }: Props) {
  const hidden = notice.items.length - SHOWN;
  return (
    <div className="replaced-notice" role="status" title={WHY} data-testid="replaced-notice">
      <p className="replaced-notice-text">
        <span>{replacedSentence(notice)}</span>
        {notice.items.slice(0, SHOWN).map((item) => (
          <PlaceholderChip key={item.placeholder} placeholder={item.placeholder} label={item.label} />
        ))}
        {hidden > 0 && <span className="replaced-notice-more">+{hidden} more</span>}
      </p>
      <span className="visually-hidden">{WHY}</span>
      <button type="button" className="btn btn--ghost btn--small replaced-notice-dismiss" onClick={onDismiss} data-testid="replaced-notice-dismiss">
        Dismiss
      </button>
    </div>
  );
}

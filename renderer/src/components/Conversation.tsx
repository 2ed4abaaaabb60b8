import { useMemo } from 'react';
import type { ChatMessage } from '../../../preload/api';
import { formatResult, messageParts, type MessagePart } from './queue/message-parts';
import { RedactedText } from './RedactedText';

const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'tool']);

const ROLE_NAMES: Record<string, string> = { system: 'System prompt', user: 'User', assistant: 'Assistant', tool: 'Tool result' };

/** A message's role as the reader sees it. */
export function roleLabel(role: string): string {
  return ROLE_NAMES[role] ?? (role ? role[0]!.toUpperCase() + role.slice(1) : 'Unknown');
}

interface PartProps {
  part: MessagePart;
  role: string;
  labels: ReadonlyMap<string, string>;
}

function Part({ part, role, labels }: PartProps) {
  if (part.kind === 'tool-call') {
    return (
      <div className="tool-block tool-block--call" data-testid="tool-call" data-tool={part.name}>
        <div className="tool-block-head">
          <span className="tool-block-kind">Tool call</span>
          <code className="tool-block-name">{part.name}</code>
          {part.callId && <span className="tool-block-id">{part.callId}</span>}
        </div>
        {part.args && (
          <pre className="tool-block-body" data-testid="tool-arguments">
            <RedactedText text={part.args} labels={labels} />
          </pre>
        )}
      </div>
    );
  }
  if (part.kind === 'tool-invocation') {
    return (
      <div className="tool-block-head tool-block-head--invocation" data-testid="tool-invocation" data-tool={part.name}>
        <span className="tool-block-kind">Called</span>
        <code className="tool-block-name">{part.name}</code>
        {part.args && (
          <code className="tool-block-args">
            <RedactedText text={part.args.replace(/\s*\n\s*/g, ' ')} labels={labels} />
          </code>
        )}
      </div>
    );
  }
  if (role === 'tool') {
    const result = formatResult(part.text);
    return (
      <pre className={result.json ? 'tool-result tool-result--json' : 'tool-result'} data-testid="tool-result">
        <RedactedText text={result.text} labels={labels} />
      </pre>
    );
  }
  return (
    <div className="msg-text" data-start={part.start} data-end={part.end}>
      <RedactedText text={part.text} labels={labels} />
    </div>
  );
}

interface MessageProps {
  message: ChatMessage;
  labels: ReadonlyMap<string, string>;
  index: number;
  isResponse?: boolean;
}

function Message({ message, labels, index, isResponse = false }: MessageProps) {
  const kind = isResponse ? 'response' : KNOWN_ROLES.has(message.role) ? message.role : 'other';
  const parts = useMemo(() => messageParts(message.content, message.role), [message]);
  return (
    <article
      className={`msg msg--${kind}`}
      data-role={message.role}
      data-message-index={isResponse ? undefined : index}
      data-testid={isResponse ? 'case-response' : 'case-message'}
    >
      <header className="msg-role">
        {isResponse ? (
          <>
            Model response <span className="msg-role-note">under review</span>
          </>
        ) : (
          roleLabel(message.role)
        )}
      </header>
      <div className="msg-body">
        {parts.length === 0 ? (
          <span className="msg-empty">(empty)</span>
        ) : (
          parts.map((part, i) => <Part key={i} part={part} role={message.role} labels={labels} />)
        )}
      </div>
    </article>
  );
}

interface Props {
  messages: ChatMessage[];
  response: ChatMessage | null;
  labels: ReadonlyMap<string, string>;
}

/**
 * The logged conversation as the model saw it (system prompt, turns, tool calls and their results as structured
 * blocks), followed by the answer the reviewer is judging. Placeholders are chips coloured by entity type.
 */
export function Conversation({ messages, response, labels }: Props) {
  return (
    <div className="conversation">
      {messages.map((message, index) => (
        <Message key={index} index={index} message={message} labels={labels} />
      ))}
      {response ? (
        <Message message={response} index={messages.length} labels={labels} isResponse />
      ) : (
        <p className="msg-missing">No model response was logged for this conversation.</p>
      )}
    </div>
  );
}

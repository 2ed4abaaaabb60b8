import type { ChatMessage } from '../../../preload/api';
import { RedactedText } from './RedactedText';

const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'tool']);

function roleLabel(role: string): string {
  return role ? role[0]!.toUpperCase() + role.slice(1) : 'Unknown';
}

interface MessageProps {
  message: ChatMessage;
  labels: ReadonlyMap<string, string>;
  isResponse?: boolean;
}

function Message({ message, labels, isResponse = false }: MessageProps) {
  const kind = isResponse ? 'response' : KNOWN_ROLES.has(message.role) ? message.role : 'other';
  return (
    <article className={`msg msg--${kind}`} data-role={message.role} data-testid={isResponse ? 'case-response' : 'case-message'}>
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
        <RedactedText text={message.content} labels={labels} />
      </div>
    </article>
  );
}

interface Props {
  messages: ChatMessage[];
  response: ChatMessage | null;
  labels: ReadonlyMap<string, string>;
}

/** The logged conversation as the model saw it, followed by the answer the reviewer is judging. */
export function Conversation({ messages, response, labels }: Props) {
  return (
    <div className="conversation">
      {messages.map((message, index) => (
        <Message key={index} message={message} labels={labels} />
      ))}
      {response ? (
        <Message message={response} labels={labels} isResponse />
      ) : (
        <p className="msg-missing">No model response was logged for this conversation.</p>
      )}
    </div>
  );
}

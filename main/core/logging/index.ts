/** Redacted logging for the main process: `log`, and the secret registry the redactor reads. */
export { installCrashLogging, log, setLogSink, type LogLevel, type LogSink } from './log.js';
export { forgetSecret, formatError, MAX_FRAMES, MAX_MESSAGE, redactError, redactText, registerSecret, REDACTED, type RedactedError } from './redact.js';

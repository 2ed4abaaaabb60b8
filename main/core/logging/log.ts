/**
 * The only way main-process code writes diagnostics (lint rule `no-console` keeps it so). Every message and
 * every error goes through the redactor in ./redact.ts before it is written: `info` to stdout, `warn` and
 * `error` to stderr. Tests may swap the sink to capture what would have been written.
 */
import { formatError, redactText } from './redact.js';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, line: string) => void;

const defaultSink: LogSink = (level, line) => {
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
};

let sink: LogSink = defaultSink;

/** Replaces where log lines go (tests); returns a function that restores the previous sink. */
export function setLogSink(next: LogSink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

function write(level: LogLevel, message: string, error?: unknown): void {
  const text = redactText(message);
  sink(level, error === undefined ? text : `${text} ${formatError(error)}`);
}

/** Writes redacted diagnostics: `log.error('handler failed:', error)`. */
export const log = {
  info: (message: string, error?: unknown) => write('info', message, error),
  warn: (message: string, error?: unknown) => write('warn', message, error),
  error: (message: string, error?: unknown) => write('error', message, error),
};

/**
 * Routes errors nobody caught through the redactor instead of Node's or Electron's default printer (which writes
 * the whole error, its extra properties included). An uncaught exception then exits with status 1; a rejected
 * promise nobody handled does too, unless `keepRunningOnRejection` (the Electron app, whose default is to warn
 * and carry on). Call once at a process entry point.
 */
export function installCrashLogging(processName: string, options: { keepRunningOnRejection?: boolean } = {}): void {
  process.on('uncaughtException', (error) => {
    log.error(`${processName}: unexpected failure:`, error);
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    log.error(`${processName}: unexpected failure:`, error);
    if (!options.keepRunningOnRejection) process.exit(1);
  });
}

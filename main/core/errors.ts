/**
 * An error a user can meet: `message` says what happened and what to do, for the person at the keyboard.
 * `code` is stable, for tests and for the UI to react to. Never put raw production text in either.
 */
export class QuarryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QuarryError';
  }
}

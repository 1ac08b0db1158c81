/**
 * Messages for the user. Both kinds dismiss themselves, errors after a longer time, and
 * the user can close either at once. Only the latest few are shown, so they never pile up.
 */

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** How long a notice stays, in milliseconds: long enough to read an error's advice. */
const DURATION_MS: Record<Notice['kind'], number> = { info: 5000, error: 10_000 };

/** Notices shown at once; a new one replaces the oldest. */
const MAX_SHOWN = 3;

export class Notices {
  list: Notice[] = $state([]);
  private nextId = 1;

  /** Shows an error for a while, or until the user closes it. */
  error(message: string): void {
    this.push('error', message);
  }

  /** Shows information for a few seconds. */
  info(message: string): void {
    this.push('info', message);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((notice) => notice.id !== id);
  }

  private push(kind: Notice['kind'], message: string): void {
    const id = this.nextId++;
    // The same message twice in a row is shown once.
    const others = this.list.filter((notice) => notice.message !== message);
    this.list = [...others, { id, kind, message }].slice(-MAX_SHOWN);
    setTimeout(() => this.dismiss(id), DURATION_MS[kind]);
  }
}

/** Messages for the user: errors stay until dismissed, information fades after a while. */

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** How long an information notice stays, in milliseconds. */
const INFO_DURATION_MS = 6000;

export class Notices {
  list: Notice[] = $state([]);
  private nextId = 1;

  /** Shows an error until the user dismisses it. */
  error(message: string): void {
    this.push('error', message);
  }

  /** Shows information for a few seconds. */
  info(message: string): void {
    const id = this.push('info', message);
    setTimeout(() => this.dismiss(id), INFO_DURATION_MS);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((notice) => notice.id !== id);
  }

  private push(kind: Notice['kind'], message: string): number {
    const id = this.nextId++;
    // The same message twice in a row is shown once.
    this.list = [...this.list.filter((notice) => notice.message !== message), { id, kind, message }];
    return id;
  }
}

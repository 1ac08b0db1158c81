/**
 * Undo and redo over serialized editor states. The editor records a state after each
 * finished action (add, connect, delete, paste, a changed setting, a finished drag), so
 * one undo reverts one action.
 */
export class History {
  private past: string[] = [];
  private future: string[] = [];
  private present: string;
  private readonly limit: number;

  /** `initial` is the state undo returns to last; at most `limit` steps are kept. */
  constructor(initial: string, limit = 200) {
    this.present = initial;
    this.limit = limit;
  }

  /** Records a new state; returns false, recording nothing, when it equals the current one. */
  record(state: string): boolean {
    if (state === this.present) return false;

    this.past.push(this.present);
    if (this.past.length > this.limit) this.past.shift();
    this.present = state;
    this.future = [];
    return true;
  }

  /** Steps back and returns the state to show, or null when there is nothing to undo. */
  undo(): string | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;

    this.future.push(this.present);
    this.present = previous;
    return previous;
  }

  /** Steps forward and returns the state to show, or null when there is nothing to redo. */
  redo(): string | null {
    const next = this.future.pop();
    if (next === undefined) return null;

    this.past.push(this.present);
    this.present = next;
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Forgets every step and starts again from `state`. */
  reset(state: string): void {
    this.past = [];
    this.future = [];
    this.present = state;
  }
}

/** The runs ticked for comparison; it lives in the workspace, so it outlasts a tab switch. */
export class RunSelection {
  ids: string[] = $state([]);

  readonly set: ReadonlySet<string> = $derived(new Set(this.ids));

  toggle(id: string, checked: boolean): void {
    this.ids = checked ? [...this.ids.filter((other) => other !== id), id] : this.ids.filter((other) => other !== id);
  }
}

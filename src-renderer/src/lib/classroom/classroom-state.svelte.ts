/**
 * State of the classroom features: which classroom view is open (optimizer playground,
 * lesson list), presentation mode, and whether the side panel is shown in it.
 */

import { applyPresentation, readPresentation, savePresentation } from './presentation';

export type ClassroomView = 'none' | 'playground' | 'lessons';

export class ClassroomState {
  view: ClassroomView = $state('none');
  presentation = $state(readPresentation());
  /** In presentation mode the side panel stays hidden until the user asks for it. */
  sidePanelShown = $state(false);
  /** Id of the lesson whose instruction card is shown, or null. */
  activeLesson: string | null = $state(null);

  readonly sidePanelHidden: boolean = $derived(this.presentation && !this.sidePanelShown);

  constructor() {
    applyPresentation(this.presentation);
  }

  /** Switches presentation mode, stores the choice and hides the side panel again. */
  togglePresentation(): void {
    this.presentation = !this.presentation;
    this.sidePanelShown = false;
    savePresentation(this.presentation);
    applyPresentation(this.presentation);
  }
}

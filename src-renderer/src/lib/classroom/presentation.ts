/**
 * Presentation mode for a projector: larger type, thicker edges, high-contrast charts and a
 * hidden side panel. The choice persists in localStorage across reloads.
 */

import { Chart, LineElement } from 'chart.js';

// The line defaults below exist only once the line element is registered.
Chart.register(LineElement);

export const PRESENTATION_KEY = 'wiregrad.presentation';

/** Returns the stored choice; false when none is stored or storage is unavailable. */
export function readPresentation(): boolean {
  try {
    return localStorage.getItem(PRESENTATION_KEY) === 'on';
  } catch (error) {
    console.warn(`Wiregrad could not read presentation mode from localStorage: ${(error as Error).message}`);
    return false;
  }
}

/** Stores the choice; a full or blocked localStorage only loses the choice on reload. */
export function savePresentation(on: boolean): void {
  try {
    localStorage.setItem(PRESENTATION_KEY, on ? 'on' : 'off');
  } catch (error) {
    console.warn(`Wiregrad could not save presentation mode to localStorage: ${(error as Error).message}`);
  }
}

/**
 * Applies the mode to the page: the root element's class switches the CSS, and chart.js'
 * defaults switch to black text, larger fonts and thicker lines for every chart, drawn or not.
 */
export function applyPresentation(on: boolean): void {
  document.documentElement.classList.toggle('presentation', on);

  Chart.defaults.color = on ? '#000000' : '#666666';
  Chart.defaults.font.size = on ? 17 : 12;
  Chart.defaults.font.weight = on ? 'bold' : 'normal';
  Chart.defaults.borderColor = on ? 'rgba(0, 0, 0, 0.35)' : 'rgba(0, 0, 0, 0.1)';
  Chart.defaults.elements.line.borderWidth = on ? 4 : 3;
  for (const chart of Object.values(Chart.instances)) chart.update('none');
}

/** Returns true for the presentation shortcut, Ctrl+Shift+P (⌘⇧P on macOS). */
export function isPresentationKey(event: KeyboardEvent, isMac: boolean): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  return mod && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p';
}

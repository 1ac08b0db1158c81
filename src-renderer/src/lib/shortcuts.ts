/**
 * Keyboard shortcuts of the editor. The modifier is Cmd on macOS and Ctrl elsewhere;
 * the labels shown in tooltips and menus follow the same rule.
 */

import type { MenuCommand } from './transport';

/** True on macOS, iPadOS and iOS, where Cmd is the shortcut modifier. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

interface Shortcut {
  key: string;
  mod: boolean;
  shift?: boolean;
  command: MenuCommand;
  /** Whether the shortcut works while a text field has the focus. */
  inFields?: boolean;
}

const SHORTCUTS: Shortcut[] = [
  { key: 'z', mod: true, command: 'undo' },
  { key: 'z', mod: true, shift: true, command: 'redo' },
  { key: 'y', mod: true, command: 'redo' },
  { key: 'c', mod: true, command: 'copy' },
  { key: 'v', mod: true, command: 'paste' },
  { key: 'a', mod: true, command: 'select-all' },
  { key: 's', mod: true, command: 'save-project', inFields: true },
  { key: 'o', mod: true, command: 'open-project', inFields: true },
  { key: 'e', mod: true, command: 'export-model', inFields: true },
  { key: 'Enter', mod: true, command: 'train', inFields: true },
  { key: '.', mod: true, command: 'stop', inFields: true },
  { key: '1', mod: false, shift: true, command: 'fit-view' },
];

/** Returns the command a key press triggers, or null. */
export function commandForKey(event: KeyboardEvent): MenuCommand | null {
  const mod = IS_MAC ? event.metaKey : event.ctrlKey;
  const other = IS_MAC ? event.ctrlKey : event.metaKey;
  if (other || event.altKey) return null;

  const inField = isTextField(event.target);
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const keyMatches = (shortcut: Shortcut) =>
    shortcut.key === key || (shortcut.key === '1' && event.code === 'Digit1');

  const match = SHORTCUTS.find(
    (shortcut) =>
      keyMatches(shortcut) &&
      shortcut.mod === mod &&
      (shortcut.shift ?? false) === event.shiftKey &&
      (!inField || shortcut.inFields === true),
  );
  return match?.command ?? null;
}

/** Formats a shortcut for a tooltip: 'Ctrl+Z' or '⌘Z'. */
export function shortcutLabel(command: MenuCommand): string {
  const shortcut = SHORTCUTS.find((entry) => entry.command === command);
  if (shortcut === undefined) return '';

  const parts: string[] = [];
  if (shortcut.mod) parts.push(IS_MAC ? '⌘' : 'Ctrl');
  if (shortcut.shift === true) parts.push(IS_MAC ? '⇧' : 'Shift');
  parts.push(shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key);
  return parts.join(IS_MAC ? '' : '+');
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

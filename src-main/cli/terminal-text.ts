/**
 * Text the CLI prints: strings from files with their control characters made visible,
 * and counted nouns.
 */

/** C0 control characters except tab, then DEL and the C1 control characters. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * Replaces each control character of `text` by its `\u001b`-style escape, so that a
 * name or label from a file cannot move the cursor, clear the screen or retitle the
 * terminal when it is printed. Tabs stay as they are.
 */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => {
    const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${hex}`;
  });
}

/** Applies `printable` to each line of a message and keeps the line breaks between them. */
export function printableLines(message: string): string {
  return message.split('\n').map(printable).join('\n');
}

/** Counts a noun: `1 epoch`, `30 epochs`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

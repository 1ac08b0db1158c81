/**
 * The lessons' starter projects, bundled into the renderer from examples/lessons/ so that
 * both shells open them without a file dialog.
 */

const files = import.meta.glob<string>('../../../../examples/lessons/*.wiregrad.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Returns the text of a lesson's project file, given its path as engine/lessons names it. */
export function lessonProjectText(projectFile: string): string | null {
  const name = projectFile.split('/').pop() ?? '';
  const entry = Object.entries(files).find(([path]) => path.endsWith(`/${name}`));
  return entry?.[1] ?? null;
}

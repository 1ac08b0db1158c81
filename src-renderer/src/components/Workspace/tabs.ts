/** Tabs of the side panel, in display order. */
export const TABS = [
  { id: 'node', label: 'Node' },
  { id: 'data', label: 'Data' },
  { id: 'settings', label: 'Settings' },
  { id: 'training', label: 'Training' },
  { id: 'model', label: 'Model' },
  { id: 'runs', label: 'Runs' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

/** The app's shared state, handed to components through Svelte's context. */

import { createContext } from 'svelte';
import type { AnalysisView } from './editor/analysis-view';
import type { EditorState } from './editor/editor-state.svelte';
import type { ImportedModelState } from './model/imported-model-state.svelte';
import type { Notices } from './notices.svelte';
import type { ProjectState } from './project/project-state.svelte';
import type { TrainingState } from './training/training-state.svelte';
import type { Transport } from './transport';

export interface AppContext {
  transport: Transport;
  editor: EditorState;
  project: ProjectState;
  training: TrainingState;
  /** The model file imported in the Model tab, with its predictions. */
  importedModel: ImportedModelState;
  notices: Notices;
  /** The live analysis of the canvas; a getter, so readers stay reactive. */
  readonly analysis: AnalysisView;
}

export const [getAppContext, setAppContext] = createContext<AppContext>();

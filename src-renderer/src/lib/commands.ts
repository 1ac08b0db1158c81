/**
 * The app's commands, shared by the toolbar, the keyboard shortcuts and Electron's
 * native menu: project files, editing, fit view, training and the model file.
 */

import { JsonValidationError, parseProject, serializeProject, type Project } from '../../../engine/project';
import type { NodeType } from '../../../engine/graph/types';
import { invalidFileMessage } from '../../../src-main/backend/errors';
import { fileStem } from '../../../src-main/backend/protocol';
import type { AppContext } from './context';
import type { MenuCommand } from './transport';

/** Time Svelte Flow needs to render and measure a new node, in milliseconds. */
const MEASURE_DELAY_MS = 50;

export interface CommandHooks {
  /** Fits the canvas to its nodes. */
  fitView: () => void;
  /** Returns a free canvas position for a node added by click: right of the last node, in rows. */
  nextNodePosition: () => { x: number; y: number };
  /** Shows a side-panel tab, such as 'training' when a run starts. */
  showTab: (tab: 'node' | 'data' | 'settings' | 'training' | 'model') => void;
  /** Called when another project replaces the open one, e.g. to close the lesson card of the old one. */
  projectReplaced: () => void;
}

export class Commands {
  private readonly app: AppContext;
  private readonly hooks: CommandHooks;
  /** Reasons Train is unavailable; empty when it can start. */
  private readonly blockers: () => string[];

  constructor(app: AppContext, hooks: CommandHooks, blockers: () => string[]) {
    this.app = app;
    this.hooks = hooks;
    this.blockers = blockers;
  }

  /** Runs a menu or shortcut command; errors become notices. */
  run(command: MenuCommand): void {
    this.execute(command).catch((error: unknown) => this.app.notices.error((error as Error).message));
  }

  /**
   * Adds a node from the palette by click, right of the last node, and fits the view
   * once Svelte Flow has measured it, so the new node is on screen.
   */
  addNode(kind: NodeType): void {
    this.app.editor.addNode(kind, this.hooks.nextNodePosition());
    this.hooks.showTab('node');
    setTimeout(() => this.hooks.fitView(), MEASURE_DELAY_MS);
  }

  private async execute(command: MenuCommand): Promise<void> {
    const { editor } = this.app;
    switch (command) {
      case 'new-project':
        return this.newProject();
      case 'open-project':
        return this.openProject();
      case 'save-project':
        return this.saveProject();
      case 'undo':
        return editor.undo();
      case 'redo':
        return editor.redo();
      case 'copy':
        editor.copySelection();
        return;
      case 'paste':
        editor.paste();
        return;
      case 'select-all':
        return editor.selectAll();
      case 'fit-view':
        return this.hooks.fitView();
      case 'train':
        return this.train();
      case 'stop':
        return this.app.training.stop();
      case 'export-model':
        return this.exportModel();
      case 'import-model':
        return this.hooks.showTab('model');
    }
  }

  /** Starts training when nothing blocks it; otherwise lists what to fix. */
  async train(): Promise<void> {
    const { project, editor, training, notices } = this.app;
    const blockers = this.blockers();
    if (blockers.length > 0) {
      notices.error(`Train is not available yet: ${blockers[0]}`);
      this.hooks.showTab('training');
      return;
    }

    this.hooks.showTab('training');
    await training.start(project.toProject(editor.graph), project.csv?.text);
    if (training.error !== null) notices.error(training.error);
  }

  async exportModel(): Promise<void> {
    const { training, transport, notices } = this.app;
    if (training.status !== 'done') {
      notices.error('There is no trained model yet. Train the network, then export it.');
      return;
    }

    const file = await training.exportModel();
    if (await transport.saveFile('model', file.fileName, file.text)) notices.info(`Exported the model as ${file.fileName}.`);
  }

  async saveProject(): Promise<void> {
    const { project, editor, transport, notices } = this.app;
    const text = serializeProject(project.toProject(editor.graph));
    const fileName = `${fileStem(project.name, 'project')}.wiregrad.json`;
    if (await transport.saveFile('project', fileName, text)) notices.info(`Saved the project as ${fileName}.`);
  }

  async openProject(): Promise<void> {
    const file = await this.app.transport.openFile('project');
    if (file === null) return;
    await this.loadProjectFile(file.name, file.text);
  }

  /**
   * Validates a project file's text and opens it after the user confirms, when the canvas
   * is not empty. An invalid file changes nothing. Returns true when the project was opened.
   */
  async loadProjectFile(fileName: string, text: string): Promise<boolean> {
    const { project, editor, training, importedModel, notices } = this.app;
    if (training.active) {
      notices.error('Stop the training run before opening another project.');
      return false;
    }

    const opened = parseNamedProject(fileName, text);
    if (!this.confirmReplace(`Open ${fileName}?`)) return false;

    editor.load(opened.graph);
    importedModel.clear();
    this.hooks.projectReplaced();
    await project.applyProject(opened, null);
    training.forgetEarlierModel();
    this.hooks.fitView();
    notices.info(`Opened ${fileName}.`);
    return true;
  }

  /** Starts a new project after the user confirms, when the canvas is not empty. */
  async newProject(): Promise<void> {
    const { editor, project, training, importedModel } = this.app;
    if (training.active) await training.stop();
    if (!this.confirmReplace('Start a new project?')) return;

    editor.load({ nodes: [], edges: [] });
    importedModel.clear();
    this.hooks.projectReplaced();
    await project.reset();
    training.forgetEarlierModel();
  }

  /** Asks before the open project is replaced, unless its canvas is empty. Returns true to go on. */
  private confirmReplace(question: string): boolean {
    if (this.app.editor.nodes.length === 0) return true;
    return window.confirm(`${question} Save this one first if you want to keep it.`);
  }
}

/** Parses a project file; a validation error names the file. */
function parseNamedProject(fileName: string, text: string): Project {
  try {
    return parseProject(text);
  } catch (error) {
    if (!(error instanceof JsonValidationError)) throw error;
    throw new Error(invalidFileMessage(fileName, 'project', error.issues), { cause: error });
  }
}

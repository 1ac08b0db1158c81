// Entry of the training worker when Wiregrad runs from its TypeScript sources (the
// browser shell and the tests): registers tsx in this thread, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

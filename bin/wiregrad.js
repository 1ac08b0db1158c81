#!/usr/bin/env node
// Launches the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');

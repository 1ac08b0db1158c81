/**
 * The Model tab with an imported model file. The model and its CSV predictions outlast a tab
 * switch, and the predict panel takes a typed, pasted or drawn sample for it. A bad sample
 * gets a message that names what to enter, and an opened project clears the import.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile, type ChosenFile } from './helpers/browser';
import { probabilities } from './helpers/predict';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const IRIS_MODEL = join(ROOT, 'examples/pytorch-export/iris.model.json');
const IRIS_FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];

const MSE_TRAINING = {
  loss: 'MSELoss',
  optimizer: 'SGD',
  lr: 0.01,
  momentum: 0,
  weightDecay: 0,
  batchSize: 16,
  epochs: 10,
  shuffle: true,
  validationSplit: 0.2,
  seed: 0,
};

/** y = 2·x1 + 3·x2 + 1, written by hand so the expected prediction is exact. */
const SUM_MODEL = {
  format: 'wiregrad-model',
  version: 1,
  name: 'Weighted sum',
  task: 'regression',
  features: ['x1', 'x2'],
  target: 'y',
  classes: null,
  standardization: null,
  layers: [{ type: 'Linear', inFeatures: 2, outFeatures: 1, bias: true }],
  stateDict: { '0.weight': { shape: [1, 2], values: [2, 3] }, '0.bias': { shape: [1], values: [1] } },
  training: MSE_TRAINING,
  metrics: { epochsRun: 10, bestEpoch: 10, interrupted: false, trainLoss: 0, valLoss: 0, trainAccuracy: null, valAccuracy: null, valMse: 0 },
};

/** Returns an 8×8 digit model that scores class '1' as the sum of column 4's pixels and every other class as 0. */
function columnDigitModel(): object {
  const weights = new Array<number>(10 * 64).fill(0);
  for (let row = 0; row < 8; row++) weights[1 * 64 + row * 8 + 3] = 1;
  return {
    ...SUM_MODEL,
    name: 'Column digit',
    task: 'multiclass',
    features: Array.from({ length: 64 }, (_, index) => `pixel_${Math.floor(index / 8)}_${index % 8}`),
    target: 'digit',
    classes: Array.from({ length: 10 }, (_, digit) => String(digit)),
    layers: [{ type: 'Linear', inFeatures: 64, outFeatures: 10, bias: true }],
    stateDict: { '0.weight': { shape: [10, 64], values: weights }, '0.bias': { shape: [10], values: new Array(10).fill(0) } },
    training: { ...MSE_TRAINING, loss: 'CrossEntropyLoss' },
    metrics: { ...SUM_MODEL.metrics, trainAccuracy: 1, valAccuracy: 1, valMse: null },
  };
}

function jsonFile(name: string, content: object): ChosenFile {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) };
}

async function importModel(page: Page, file: ChosenFile): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import model…' }).click()]);
  await chooser.setFiles(file);
}

async function predictCsv(page: Page, file: ChosenFile): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Predict on a CSV…' }).click(),
  ]);
  await chooser.setFiles(file);
}

describe('model tab', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('import and predictions outlast a tab switch', async () => {
    await page.getByRole('tab', { name: 'Model' }).click();
    await importModel(page, IRIS_MODEL);
    await expect.poll(() => page.getByLabel('Model parameters').innerText()).toBe('131');

    await predictCsv(page, join(ROOT, 'datasets/iris.csv'));
    const status = page.getByRole('status').filter({ hasText: /^150 predictions for iris\.csv\. Accuracy/ });
    await status.waitFor();
    const statusText = await status.innerText();
    const table = page.getByRole('table', { name: 'Predictions' });
    expect(await table.getByRole('row').count()).toBe(151);

    await page.getByRole('tab', { name: 'Data' }).click();
    await expect.poll(() => page.getByLabel('Model parameters').count()).toBe(0);
    await page.getByRole('tab', { name: 'Model' }).click();

    expect(await page.getByRole('heading', { name: 'Iris species' }).count()).toBe(1);
    expect(await page.getByLabel('Model parameters').innerText()).toBe('131');
    expect(await status.innerText()).toBe(statusText);
    expect(await table.getByRole('row').count()).toBe(151);
    expect(await table.getByRole('row').nth(1).getByRole('cell').nth(1).innerText()).toBe('setosa');
  });

  test('typed and pasted iris samples get their class', async () => {
    const panel = page.getByRole('region', { name: 'Predict one sample' });
    const sample = ['5.1', '3.5', '1.4', '0.2'];
    for (const [index, feature] of IRIS_FEATURES.entries()) {
      await panel.getByRole('spinbutton', { name: feature }).fill(sample[index]);
    }
    await panel.getByRole('button', { name: 'Predict' }).click();
    await expect.poll(async () => (await probabilities(page)).get('setosa') ?? 0).toBeGreaterThan(90);
    const shares = [...(await probabilities(page)).values()];
    expect(shares).toHaveLength(3);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(100, 0);

    await panel.getByRole('textbox', { name: 'Paste feature values' }).fill('6.7, 3.0, 5.2, 2.3');
    await panel.getByRole('button', { name: 'Use pasted values' }).click();
    await expect.poll(async () => (await probabilities(page)).get('virginica') ?? 0).toBeGreaterThan(50);
    expect(await panel.getByRole('spinbutton', { name: 'petal_length_cm' }).inputValue()).toBe('5.2');

    // A sample between versicolor and virginica gives two large bars for the screenshot.
    await panel.getByRole('textbox', { name: 'Paste feature values' }).fill('');
    for (const [feature, value] of [['sepal_length_cm', '5.9'], ['sepal_width_cm', '3.2'], ['petal_length_cm', '4.8'], ['petal_width_cm', '1.8']]) {
      await panel.getByRole('spinbutton', { name: feature }).fill(value);
    }
    await panel.getByRole('button', { name: 'Predict' }).click();
    await expect.poll(async () => (await probabilities(page)).get('versicolor') ?? 0).toBeGreaterThan(50);
    expect((await probabilities(page)).get('virginica')).toBeGreaterThan(20);

    await page.getByRole('heading', { name: 'Iris species' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'model-tab-predict.png') });
  });

  test('bad samples name what to enter', async () => {
    const panel = page.getByRole('region', { name: 'Predict one sample' });
    const alert = panel.getByRole('alert');
    const bars = panel.getByRole('list', { name: 'Predicted probabilities' });
    const pasteBox = panel.getByRole('textbox', { name: 'Paste feature values' });

    await pasteBox.fill('6.7, 3.0, 5.2');
    await panel.getByRole('button', { name: 'Use pasted values' }).click();
    await expect.poll(() => alert.innerText()).toBe(
      'The pasted row has 3 values, but the model has 4 features. Paste 4 numbers separated by commas or spaces, ' +
        'in the order sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm.',
    );
    expect(await bars.count()).toBe(0);

    await pasteBox.fill('6.7, 3.0, five, 2.3');
    await panel.getByRole('button', { name: 'Use pasted values' }).click();
    await expect.poll(() => alert.innerText()).toMatch(/^'five' is not a number\. Paste 4 numbers/);

    await panel.getByRole('spinbutton', { name: 'sepal_width_cm' }).fill('');
    await panel.getByRole('button', { name: 'Predict' }).click();
    await expect.poll(() => alert.innerText()).toBe(
      'sepal_width_cm has no number. Enter a number for it, or paste the whole sample below.',
    );
    expect(await bars.count()).toBe(0);

    await panel.getByRole('spinbutton', { name: 'sepal_width_cm' }).fill('3.0');
    await panel.getByRole('button', { name: 'Predict' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await expect.poll(async () => (await probabilities(page)).get('virginica') ?? 0).toBeGreaterThan(50);
  });

  test('regression model predicts a value', async () => {
    await importModel(page, jsonFile('sum.model.json', SUM_MODEL));
    await expect.poll(() => page.getByRole('heading', { name: 'Weighted sum' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Predictions' }).count()).toBe(0);

    const panel = page.getByRole('region', { name: 'Predict one sample' });
    expect(await panel.getByRole('list', { name: 'Predicted probabilities' }).count()).toBe(0);
    await panel.getByRole('spinbutton', { name: 'x1' }).fill('1');
    await panel.getByRole('spinbutton', { name: 'x2' }).fill('2');
    await panel.getByRole('button', { name: 'Predict' }).click();
    await expect.poll(() => panel.getByLabel('Predicted value').innerText()).toBe('Predicted y: 9');
  });

  test('digit model takes a drawn grid', async () => {
    await importModel(page, jsonFile('column-digit.model.json', columnDigitModel()));
    const grid = page.getByRole('group', { name: 'Drawing grid, 8 by 8 pixels' });
    await grid.waitFor();
    for (let row = 1; row <= 8; row++) await grid.getByRole('button', { name: `Pixel row ${row} column 4` }).click();
    expect(await grid.getByRole('button', { pressed: true }).count()).toBe(8);

    await page.getByRole('region', { name: 'Predict one sample' }).getByRole('button', { name: 'Predict' }).click();
    await expect.poll(async () => (await probabilities(page)).size).toBe(10);
    expect((await probabilities(page)).get('1')).toBe(100);
  });

  test('opened project clears the import', async () => {
    await importModel(page, IRIS_MODEL);
    await expect.poll(() => page.getByLabel('Model parameters').innerText()).toBe('131');

    await openProjectFile(page, join(ROOT, 'examples/iris.wiregrad.json'));
    await expect.poll(() => page.getByRole('status').getByText('Opened iris.wiregrad.json.').count()).toBe(1);
    expect(await page.getByLabel('Model parameters').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Predict one sample' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Import model…' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});

/// <reference types="@webgpu/types" />
import { afterAll, expect, it } from 'vitest';
import { nn, optim, manualSeed, randn } from '../../engine';
import { GpuContext } from '../../engine/gpu/context';
import { GpuTrainingStep } from '../../engine/gpu';
import { dropoutBackward, dropoutForward } from '../../engine/gpu/kernels/dropout';
import { describeWithGpu, gpuForTests } from './gpu-device';

const gpu = await gpuForTests();

const COUNT = 1 << 18;

/** Mean and lag-1 correlation of the indicator "element was dropped". */
function dropStatistics(mask: Float32Array): { share: number; lagCorrelation: number } {
  const dropped = Float64Array.from(mask, (value) => (value === 0 ? 1 : 0));
  const share = dropped.reduce((sum, value) => sum + value, 0) / dropped.length;
  let covariance = 0;
  for (let i = 0; i + 1 < dropped.length; i++) {
    covariance += (dropped[i] - share) * (dropped[i + 1] - share);
  }
  covariance /= dropped.length - 1;
  return { share, lagCorrelation: covariance / (share * (1 - share)) };
}

describeWithGpu('GPU dropout', gpu, ({ device }) => {
  const context = GpuContext.forDevice(device);
  const ones = context.uploadBuffer(new Float32Array(COUNT).fill(1), 'ones');
  afterAll(() => device.destroy());

  /** Runs the forward kernel on an input of ones and returns the mask and the output. */
  async function drawMask(p: number, seed: number, layer: number, enabled = true) {
    const seedBuffer = context.uniformBuffer([['u32', seed]], 'seed');
    const output = context.storageBuffer(COUNT, 'output');
    const mask = context.storageBuffer(COUNT, 'mask');
    context.run([dropoutForward(context, seedBuffer, ones, output, mask, COUNT, p, layer, enabled)]);
    return {
      mask: await context.readFloat32(mask, COUNT),
      output: await context.readFloat32(output, COUNT),
    };
  }

  for (const p of [0.1, 0.5, 0.9]) {
    it(`mask statistics for p = ${p}`, async () => {
      const { mask, output } = await drawMask(p, 1234, 0);
      const { share, lagCorrelation } = dropStatistics(mask);
      const sigma = Math.sqrt((p * (1 - p)) / COUNT);
      expect(Math.abs(share - p)).toBeLessThan(5 * sigma);
      // Neighbouring elements must be independent draws: |r| stays near 1 / sqrt(COUNT) ≈ 0.002.
      expect(Math.abs(lagCorrelation)).toBeLessThan(0.01);
      const scale = Math.fround(1 / (1 - p));
      expect(new Set(mask)).toEqual(new Set([0, scale]));
      expect(Array.from(output)).toEqual(Array.from(mask));
    });
  }

  it('repeats a mask for one seed and layer', async () => {
    const first = await drawMask(0.5, 77, 2);
    const second = await drawMask(0.5, 77, 2);
    expect(Array.from(second.mask)).toEqual(Array.from(first.mask));
  });

  it('draws unrelated masks for other seeds and layers', async () => {
    const base = (await drawMask(0.5, 77, 2)).mask;
    for (const other of [await drawMask(0.5, 78, 2), await drawMask(0.5, 77, 3)]) {
      let differing = 0;
      base.forEach((value, i) => (differing += value === other.mask[i] ? 0 : 1));
      // Two independent masks with p = 0.5 differ in half the elements.
      expect(Math.abs(differing / COUNT - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / COUNT));
    }
  });

  it('passes values through in evaluation mode and with p = 0', async () => {
    for (const { p, enabled } of [{ p: 0.5, enabled: false }, { p: 0, enabled: true }]) {
      const { mask, output } = await drawMask(p, 5, 0, enabled);
      expect(mask.every((value) => value === 1)).toBe(true);
      expect(output.every((value) => value === 1)).toBe(true);
    }
  });

  it('zeroes everything with p = 1', async () => {
    const { output } = await drawMask(1, 5, 0);
    expect(output.every((value) => value === 0)).toBe(true);
  });

  it('backward applies the forward mask', async () => {
    const count = 1000;
    const seedBuffer = context.uniformBuffer([['u32', 9]], 'seed');
    const output = context.storageBuffer(count, 'output');
    const mask = context.storageBuffer(count, 'mask');
    const grad = randn([count]).data as Float32Array;
    const gradInput = context.storageBuffer(count, 'gradInput');
    context.run([
      dropoutForward(context, seedBuffer, ones, output, mask, count, 0.4, 0, true),
      dropoutBackward(context, mask, context.uploadBuffer(grad, 'grad'), gradInput, count),
    ]);
    const maskValues = await context.readFloat32(mask, count);
    const got = await context.readFloat32(gradInput, count);
    const expected = Array.from(grad, (value, i) => Math.fround(value * maskValues[i]));
    expect(Array.from(got)).toEqual(expected);
  });

  it('training steps repeat under one manualSeed', async () => {
    const runLosses = async (): Promise<Float32Array> => {
      manualSeed(31);
      const model = new nn.Sequential(
        new nn.Linear(6, 32),
        new nn.ReLU(),
        new nn.Dropout(0.5),
        new nn.Linear(32, 3),
      );
      const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
      const step = GpuTrainingStep.create(model, new nn.CrossEntropyLoss(), optimizer, device)!;
      const x = randn([16, 6]).data as Float32Array;
      const y = Int32Array.from({ length: 16 }, (_, i) => i % 3);
      for (let i = 0; i < 4; i++) step.step(x, y, 16);
      const losses = await step.readLosses();
      step.destroy();
      return losses;
    };
    const first = await runLosses();
    expect(Array.from(await runLosses())).toEqual(Array.from(first));
    // A new mask every step: with p = 0.5 two steps on one batch almost surely differ.
    expect(new Set(first).size).toBe(first.length);
  });
});

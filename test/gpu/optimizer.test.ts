/// <reference types="@webgpu/types" />
import { afterAll, expect, it } from 'vitest';
import { manualSeed, optim, randn, Tensor } from '../../engine';
import { GpuContext } from '../../engine/gpu/context';
import { GpuOptimizer } from '../../engine/gpu/gpu-optimizer';
import type { GpuParameter } from '../../engine/gpu/parameters';
import { describeWithGpu, expectClose, gpuForTests } from './gpu-device';

const gpu = await gpuForTests();

type MakeOptimizer = (params: Tensor[]) => optim.Optimizer;

const cases: { name: string; make: MakeOptimizer }[] = [
  {
    name: 'SGD without momentum',
    make: (params) => new optim.SGD(params, { lr: 0.1 }),
  },
  {
    name: 'SGD with momentum, dampening and weight decay',
    make: (params) => new optim.SGD(params, { lr: 0.05, momentum: 0.9, dampening: 0.3, weightDecay: 0.01 }),
  },
  {
    name: 'SGD with Nesterov momentum',
    make: (params) => new optim.SGD(params, { lr: 0.05, momentum: 0.8, nesterov: true }),
  },
  {
    name: 'Adam with weight decay',
    make: (params) => new optim.Adam(params, { lr: 0.01, weightDecay: 0.02 }),
  },
  {
    name: 'Adam with AMSGrad',
    make: (params) => new optim.Adam(params, { lr: 0.02, betas: [0.8, 0.99], amsgrad: true }),
  },
];

describeWithGpu('GPU optimizer update', gpu, ({ device }) => {
  const context = GpuContext.forDevice(device);
  afterAll(() => device.destroy());

  for (const { name, make } of cases) {
    it(`${name} matches the CPU over four steps`, async () => {
      const count = 301;
      manualSeed(21);
      const cpuTensor = randn([count]);
      const gpuTensor = new Tensor(Float32Array.from(cpuTensor.data), [count]);
      const cpuOptimizer = make([cpuTensor]);
      const gpuOptimizer = GpuOptimizer.create(context, make([gpuTensor]))!;
      const parameter: GpuParameter = {
        tensor: gpuTensor,
        count,
        buffer: context.uploadBuffer(gpuTensor.data as Float32Array, 'param'),
        grad: context.storageBuffer(count, 'grad'),
      };
      const update = gpuOptimizer.updateDispatch(parameter);

      for (let step = 0; step < 4; step++) {
        // Gradients shrink over the steps, so a sign mistake in the moment updates shows up.
        const grad = Float32Array.from(randn([count]).data, (value) => value / (step + 1));
        cpuTensor.grad = new Tensor(grad, [count]);
        cpuOptimizer.step();
        context.device.queue.writeBuffer(parameter.grad, 0, grad);
        gpuOptimizer.prepareStep([parameter]);
        context.run([update]);
      }
      expectClose(await context.readFloat32(parameter.buffer, count), cpuTensor.data, 1e-5, name);
    });
  }

  it('declines an optimizer other than SGD and Adam', () => {
    class SignDescent extends optim.Optimizer {
      step(): void {}
    }
    expect(GpuOptimizer.create(context, new SignDescent([randn([2])], 'SignDescent'))).toBeNull();
  });
});

/** Describes the machine and checkout a run was measured on. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  /** 'model name' of the first processor in /proc/cpuinfo, else Node's os.cpus() model. */
  cpuModel: string;
  /** Logical CPUs this process may use (os.availableParallelism()). */
  cpus: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Commit of the checkout, with '+changes' when the working tree differs from it. */
  commit: string;
}

function readCpuModel(): string {
  if (existsSync('/proc/cpuinfo')) {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'));
    const model = line?.split(':')[1]?.trim();
    if (model) return model;
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function readOsName(): string {
  const kernel = `${os.type()} ${os.release()}`;
  if (!existsSync('/etc/os-release')) return kernel;

  const pretty = readFileSync('/etc/os-release', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('PRETTY_NAME='));
  const name = pretty?.slice('PRETTY_NAME='.length).replace(/^"|"$/g, '');
  return name ? `${name}, ${kernel}` : kernel;
}

function readCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
    const status = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' });
    return status.trim().length > 0 ? `${commit.trim()}+changes` : commit.trim();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `unknown (git failed: ${message})`;
  }
}

/** Collects the CPU model, CPU count, memory, OS, Node version and commit. */
export function describeMachine(): MachineInfo {
  return {
    cpuModel: readCpuModel(),
    cpus: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: readOsName(),
    node: process.version,
    commit: readCommit(),
  };
}

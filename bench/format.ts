/** Renders a benchmark record as a plain-text table for the terminal and as Markdown. */
import { PEER_IDS, PEER_LABELS } from './peer-processes';
import type { BenchRecord, Cell, Row } from './record';

const HEADERS = [
  'workload',
  'unit',
  ...PEER_IDS.map((peer) => PEER_LABELS[peer]),
  'Wiregrad/PyTorch',
  'Wiregrad/TF.js',
  'Wiregrad backend',
];

/** Formats a rate with thousands separators and 2, 1 or 0 decimals (below 10, below 100, else). */
export function formatRate(value: number): string {
  let digits = 2;
  if (value >= 100) digits = 0;
  else if (value >= 10) digits = 1;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function formatCell(cell: Cell): string {
  if (cell.status === 'ok') return formatRate(cell.median);
  if (cell.status === 'not applicable') return '–';
  return cell.status;
}

function formatRatio(value: number | null): string {
  if (value === null) return '–';
  return `${value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}×`;
}

function rowCells(row: Row): string[] {
  const info = row.wiregradBackend;
  const backend = info === null ? '–' : `${info.backend}, ${info.threads} thread(s)`;
  return [
    `${row.id} ${row.title}`,
    row.unit,
    ...PEER_IDS.map((peer) => formatCell(row.cells[peer])),
    formatRatio(row.ratios.pytorch),
    formatRatio(row.ratios.tfjs),
    backend,
  ];
}

/** Builds the lines under the table: peers' threading, event-loop delay, machine, failures. */
export function describeRun(record: BenchRecord): string[] {
  const lines: string[] = [];
  // Both Wiregrad columns run the same build, so it is described once.
  for (const peer of PEER_IDS.filter((id) => id !== 'wiregradAutograd')) {
    const availability = record.availability[peer];
    const info = record.peers[peer];
    if (!availability.installed) {
      lines.push(`${PEER_LABELS[peer]}: not installed (${availability.reason})`);
    } else if (info !== null) {
      const details = Object.entries(info.details).map(([key, value]) => `${key} = ${value}`);
      const notes = info.notes.length > 0 ? `. ${info.notes.join('. ')}` : '';
      lines.push(`${PEER_LABELS[peer]} ${info.version}: ${details.join(', ')}${notes}`);
    }
  }

  const eventLoop = record.eventLoop;
  if (eventLoop !== null && 'measurements' in eventLoop) {
    const { backend } = eventLoop;
    for (const { mode, p99Ms, p50Ms, maxMs, samplesPerSecond } of eventLoop.measurements) {
      lines.push(
        `Event-loop delay while Wiregrad trains W4 (${mode}): p99 ${p99Ms.toFixed(1)} ms, ` +
          `p50 ${p50Ms.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms, ` +
          `at ${formatRate(samplesPerSecond)} samples/s on ${backend.backend} ` +
          `with ${backend.threads} thread(s)`,
      );
    }
  } else if (eventLoop !== null) {
    lines.push(`Event-loop delay while Wiregrad trains W4: failed (${eventLoop.message})`);
  }

  const runCounts = record.rows.map((row) => {
    const counts = PEER_IDS.map((peer) => {
      const cell = row.cells[peer];
      return cell.status === 'ok' ? String(cell.runs.length) : '–';
    });
    return `${row.id} ${counts.join('/')}`;
  });
  const columns = PEER_IDS.map((peer) => PEER_LABELS[peer]).join('/');
  lines.push(`Timed runs per cell (${columns}): ${runCounts.join(', ')}`);

  const machine = record.machine;
  lines.push(
    `Machine: ${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, ` +
      `${machine.os}, Node ${machine.node}, commit ${machine.commit}`,
  );

  for (const row of record.rows) {
    for (const peer of PEER_IDS) {
      const cell = row.cells[peer];
      if (cell.status !== 'failed') continue;
      lines.push(`${row.id} ${PEER_LABELS[peer]} failed: ${cell.message}`);
    }
  }
  return lines;
}

/** Renders the table with space-padded columns, numbers right-aligned. */
export function renderTextTable(rows: Row[]): string {
  const body = rows.map(rowCells);
  const widths = HEADERS.map((header, i) => {
    return Math.max(header.length, ...body.map((cells) => cells[i].length));
  });
  const alignLeft = (i: number): boolean => i === 0 || i === 1 || i === HEADERS.length - 1;
  const render = (cells: string[]): string => {
    const padded = cells.map((cell, i) => {
      return alignLeft(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]);
    });
    return padded.join('  ').trimEnd();
  };

  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(HEADERS), rule, ...body.map(render)].join('\n');
}

/** Renders the table as GitHub Markdown. */
export function renderMarkdownTable(rows: Row[]): string {
  const alignment = HEADERS.map((_, i) => (i <= 1 || i === HEADERS.length - 1 ? '---' : '---:'));
  const table = [HEADERS, alignment, ...rows.map(rowCells)];
  return table.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Renders the whole record as a Markdown page: run facts, table, and the notes under it. */
export function renderMarkdown(record: BenchRecord): string {
  const title =
    record.mode === 'quick' ? 'Benchmark run (--quick, not comparable)' : 'Benchmark run';
  const seconds = Math.round(record.durationSeconds);
  return [
    `# ${title}`,
    '',
    `Started ${record.startedAt}, took ${seconds} s: \`${record.command}\`.`,
    'Each cell is the median of the timed runs; ratios above 1 mean Wiregrad is faster.',
    '',
    renderMarkdownTable(record.rows),
    '',
    ...describeRun(record).map((line) => `- ${line}`),
    '',
  ].join('\n');
}

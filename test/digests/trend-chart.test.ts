// The chart is a real PNG of the promised size, has something drawn on it, and draws Chinese
// with the shipped font (without it, CJK labels would be empty boxes or nothing at all).
import { spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { CHART_SIZE, chartFontFile, renderTrendChart, svgToPng, trendChartSvg } from '../../src/charts/trend-chart.js';

const root = new URL('../../', import.meta.url).pathname;
const points = Array.from({ length: 14 }, (_, k) => ({ label: `11-${String(17 + k)}`, total: 10 + ((k * 7) % 11), negativeShare: ((k * 3) % 10) / 20 }));
const text = { title: '近 14 天趋势 / Last 14 days', volume: '反馈量', negativeShare: '负面占比' };

function decode(png: Buffer) {
  return PNG.sync.read(png);
}

/** Pixels in a rectangle that are clearly darker than the white background. */
function inkIn(png: Buffer, x0: number, y0: number, x1: number, y1: number): number {
  const image = decode(png);
  let ink = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const i = (y * image.width + x) * 4;
    if (image.data[i] + image.data[i + 1] + image.data[i + 2] < 600) ink++;
  }
  return ink;
}

describe('the trend chart', () => {
  test('is an 800×400 PNG with varied pixels', async () => {
    const png = await renderTrendChart(points, text);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const image = decode(png);
    expect([image.width, image.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    const grey = Array.from({ length: image.width * image.height }, (_, p) => (image.data[p * 4] + image.data[p * 4 + 1] + image.data[p * 4 + 2]) / 3);
    const mean = grey.reduce((a, b) => a + b, 0) / grey.length;
    const variance = grey.reduce((a, b) => a + (b - mean) ** 2, 0) / grey.length;
    expect(variance).toBeGreaterThan(500);
  });

  test('draws a Chinese-only title with the shipped font, and nothing without a CJK font', async () => {
    const svg = trendChartSvg(points, { title: '投诉趋势', volume: '量', negativeShare: '负面' });
    expect(svg).toContain('投诉趋势');
    const titleArea = [0, 0, 200, 40] as const;
    const withFont = inkIn(await svgToPng(svg, [chartFontFile()]), ...titleArea);
    const withoutFont = inkIn(await svgToPng(svg, []), ...titleArea);
    expect(withoutFont).toBe(0);
    expect(withFont).toBeGreaterThan(150);
  });

  test('leaves nothing running: a process that renders a chart exits by itself', () => {
    const script = `import { renderTrendChart } from './src/charts/trend-chart.ts';
await renderTrendChart([{ label: 'a', total: 1, negativeShare: 0.5 }], { title: 't', volume: 'v', negativeShare: 'n' });
const rendered = Date.now();
process.on('exit', () => console.log('exited after', Date.now() - rendered));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(Number(/exited after (\d+)/.exec(run.stdout)?.[1])).toBeLessThan(1000);
  }, 90_000);
});

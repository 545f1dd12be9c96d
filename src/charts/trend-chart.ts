// The digest's trend chart as a PNG, drawn on the server without a browser: ECharts renders an
// SVG string (server-side mode), resvg turns it into pixels with a CJK font given to it
// explicitly, so Chinese labels render the same on any machine.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as echarts from 'echarts';
import { renderAsync } from '@resvg/resvg-js';

/** One point of the trend: a day or a week, its item count and the share of negative items (0–1). */
export interface TrendPoint { label: string; total: number; negativeShare: number }

export interface TrendChartText { title: string; volume: string; negativeShare: string }

export const CHART_SIZE = { width: 800, height: 400 } as const;

// Noto Sans Hans (SIL Open Font License 1.1, Adobe and Google), shipped by the npm package
// @embedpdf/fonts-sc: GB2312 Chinese plus Latin, so a chart never depends on the host's fonts.
const FONT_FAMILY = 'Noto Sans S Chinese';

/** Where the font file is: inside the installed package, found the way Node finds packages. */
export function chartFontFile(): string {
  const pkg = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(pkg), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

/** The chart as an SVG string. The chart instance is disposed, so no timer outlives the call. */
export function trendChartSvg(points: TrendPoint[], text: TrendChartText, size = CHART_SIZE): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false, // server-side: an animation would keep timers running after the render
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      title: { text: text.title, left: 16, top: 10, textStyle: { fontSize: 16, fontWeight: 'normal', fontFamily: FONT_FAMILY } },
      legend: { bottom: 6, textStyle: { fontFamily: FONT_FAMILY } },
      grid: { left: 56, right: 64, top: 72, bottom: 64 },
      xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { fontFamily: FONT_FAMILY } },
      yAxis: [
        { type: 'value', name: text.volume, minInterval: 1, axisLabel: { fontFamily: FONT_FAMILY }, nameTextStyle: { fontFamily: FONT_FAMILY } },
        { type: 'value', name: text.negativeShare, min: 0, max: 100, axisLabel: { formatter: '{value}%', fontFamily: FONT_FAMILY },
          nameTextStyle: { fontFamily: FONT_FAMILY }, splitLine: { show: false } },
      ],
      series: [
        { name: text.volume, type: 'bar', data: points.map((p) => p.total), itemStyle: { color: '#5470c6' }, barMaxWidth: 28 },
        { name: text.negativeShare, type: 'line', yAxisIndex: 1, data: points.map((p) => Math.round(p.negativeShare * 1000) / 10),
          itemStyle: { color: '#ee6666' }, lineStyle: { width: 2 }, symbolSize: 6 },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The chart as PNG bytes of `size` (800×400 by default). The rasterising, most of the cost (its
 * text), runs on libuv's thread pool, so a digest's workbook is written meanwhile.
 */
export async function renderTrendChart(points: TrendPoint[], text: TrendChartText, size = CHART_SIZE): Promise<Buffer> {
  return svgToPng(trendChartSvg(points, text, size), [chartFontFile()]);
}

/** Rasterises an SVG with only the fonts given (the host's fonts never change the picture), off the main thread. */
export async function svgToPng(svg: string, fontFiles: string[]): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    logLevel: 'off',
  });
  return Buffer.from(image.asPng());
}

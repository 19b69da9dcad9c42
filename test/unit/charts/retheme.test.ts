import { describe, expect, it } from 'vitest';
import { retheme, svgSize } from '../../../kernel/charts/retheme';
import { isThemedChart } from '../../../common/chartTheme';
import { renderPlot } from '../../../kernel/charts/renderPlot';
import { loadPlot } from '../../../kernel/charts/plotRuntime';

describe('retheme', () => {
  it('turns a light chart into the same chart drawn dark', () => {
    const Plot = loadPlot();
    const options = { marks: [Plot.barY([3, 1, 2]), Plot.tip([{ x: 1, y: 2 }], { x: 'x', y: 'y' })] };
    const dark = renderPlot(options, { theme: 'dark' });
    expect(retheme(renderPlot(options, { theme: 'light' }), 'dark')).toBe(dark);
    expect(dark).toContain('fill="#1e2227"');
  });

  it('leaves SVG it did not draw alone, and reads sizes from attributes or the viewBox', () => {
    const foreign = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"><rect width="5" height="5"/></svg>';
    expect(retheme(foreign, 'dark')).toBe(foreign);
    expect(svgSize(foreign)).toEqual({ width: 30, height: 20 });
    expect(() => svgSize('<html></html>')).toThrow('This is not an SVG document.');
  });
});

describe('isThemedChart', () => {
  it('knows the charts Silt drew from any other SVG', () => {
    const Plot = loadPlot();
    expect(isThemedChart(renderPlot({ marks: [Plot.barY([3, 1, 2])] }, { theme: 'dark' }))).toBe(true);
    expect(isThemedChart('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"><rect width="5" height="5"/></svg>')).toBe(false);
  });
});

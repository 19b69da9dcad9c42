/**
 * A chart the kernel drew, shown in the app's current theme. Charts are stored as drawn (light), and
 * recoloured here, so switching the theme recolours every chart already on the page, and the saved
 * notebook does not depend on the theme it was viewed in. Other SVG keeps its colours (and the light
 * backing `.rich-image` gives it). SVG stays in an <img>, where scripts never run.
 */
import { useMemo } from 'react';
import { isThemedChart, retheme } from '../../common/chartTheme';
import { useTheme } from '../theme';
import './ChartImage.css';

export function ChartImage({ svg, alt, className, testId }: { svg: string; alt: string; className?: string; testId?: string }) {
  const theme = useTheme();
  const themed = useMemo(() => isThemedChart(svg), [svg]);
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(retheme(svg, theme))}`, [svg, theme]);
  const classes = [themed ? 'chart-image' : '', className ?? ''].filter(Boolean).join(' ');
  return <img className={classes || undefined} data-testid={testId} data-theme={themed ? theme : undefined} alt={alt} src={src} />;
}

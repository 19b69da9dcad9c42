/**
 * A rich value, shown in the richest MIME type the renderer knows. Foreign HTML runs in a sandboxed
 * frame with no scripts and no same-origin access, told Silt's look (withSiltLook); SVG goes through
 * <img>, where scripts never run.
 */
import { useMemo } from 'react';
import type { RichOutput } from '../../kernel/protocol/notebook';
import { prettyJson } from '../../common/prettyJson';
import { renderMarkdown } from '../cells/renderMarkdown';
import { SvgExportButtons } from '../charts/SvgExportButtons';
import { ChartImage } from '../charts/ChartImage';
import { svgTitle } from '../charts/svgTitle';
import { NOTE_MIME } from '../../common/outputNote';
import { OutputNote } from './OutputNote';
import { useTheme } from '../theme';
import { withSiltLook } from '../../common/withSiltLook';

/** The frame's accessible name: the page's own <title> when it has one ("AutoML: quality"). */
function htmlTitle(html: string): string {
  const t = /<title>([^<]{1,120})<\/title>/i.exec(html)?.[1]?.trim();
  return t
    ? t
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
    : 'HTML output';
}

const ORDER = [
  NOTE_MIME,
  'text/html',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'text/markdown',
  'application/json',
  'text/plain',
] as const;

export function RichView({ output }: { output: RichOutput }) {
  const mime = ORDER.find((m) => output.data[m] !== undefined) ?? Object.keys(output.data)[0];
  const payload = mime ? output.data[mime] : '';
  const theme = useTheme();
  const markdownHtml = useMemo(() => (mime === 'text/markdown' ? renderMarkdown(payload) : ''), [mime, payload]);

  switch (mime) {
    case NOTE_MIME:
      return <OutputNote text={payload} />;
    case 'text/html':
      return <iframe className="rich-html" sandbox="" srcDoc={withSiltLook(payload, theme)} title={htmlTitle(payload)} />;
    case 'image/svg+xml':
      return (
        <div className="rich-svg">
          <ChartImage className="rich-image" alt={svgTitle(payload) ?? 'SVG output'} svg={payload} />
          <SvgExportButtons svg={payload} />
        </div>
      );
    case 'image/png':
    case 'image/jpeg':
      return <img className="rich-image" alt="Image output" src={`data:${mime};base64,${payload}`} />;
    case 'text/markdown':
      return <div className="markdown-rendered rich-markdown" dangerouslySetInnerHTML={{ __html: markdownHtml }} />;
    case 'application/json':
      return <pre className="rich-text">{prettyJson(payload)}</pre>;
    default:
      return <pre className="rich-text">{payload}</pre>;
  }
}

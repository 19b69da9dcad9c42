/** Everything a code cell produced, in order. */
import { useMemo, useRef } from 'react';
import { mergeOutputs } from '../../common/OutputBuilder';
import type { Output } from '../../kernel/protocol/notebook';
import { ErrorView } from './ErrorView';
import { Grid, type FetchPage } from './Grid';
import { RichView } from './RichView';
import { StreamView } from './StreamView';

interface Props {
  cellId: string;
  outputs: Output[];
  source: string;
  fetchPage: FetchPage | null;
  /** A note from the app about this cell, e.g. that a restart lost the variables. */
  notice?: string | null;
  /** Runs this cell again (a grid of an earlier run's rows offers it). */
  onRun?: () => void;
  /** The cell runs again with these outputs kept (a live re-run): an error shown is the last run's. */
  running?: boolean;
}

export function OutputArea({ cellId, outputs, source, fetchPage, notice, onRun, running = false }: Props) {
  // Runs already arrive merged and capped (then this returns the same objects); a notebook opened
  // from a file may hold a huge or split output, which shows capped like the rest.
  const shown = useMemo(() => mergeOutputs(outputs), [outputs]);
  // An error's line is quoted from the source that ran: the source as it was when these outputs came.
  // Edits made since (a line added above) must not put another line under the error's "line N".
  const ran = useRef({ outputs, source });
  if (ran.current.outputs !== outputs) ran.current = { outputs, source };
  if (shown.length === 0 && !notice) return null;
  return (
    <div className="output" data-testid="output">
      {notice && <div className="output-notice">{notice}</div>}
      {shown.map((o, i) => {
        switch (o.kind) {
          case 'table':
            // Keyed by position, not handle: a re-run (a live update) keeps the grid and its scroll.
            return <Grid key={`table-${i}`} output={o} fetchPage={fetchPage} onRun={onRun} cellId={cellId} />;
          case 'stream':
            return <StreamView key={i} output={o} />;
          case 'error':
            return <ErrorView key={i} output={o} source={ran.current.source} stale={running} />;
          case 'rich':
            return <RichView key={i} output={o} />;
        }
      })}
    </div>
  );
}

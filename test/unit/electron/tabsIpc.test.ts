/**
 * The IPC behind tabs: the page's `silt:tabs` report is believed only from the app's own top-level
 * page and only when it is a list of absolute paths of sane size; anything else is refused with a
 * message saying what was wrong. The missing-file dialog names the file and where it was.
 */
import { describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import { missingNotebookDialog } from '../../../electron/missingNotebook';
import { isTrustedFrame } from '../../../electron/securityPolicy';
import { MAX_PATH_CHARS, MAX_TABS, parseTabsReport } from '../../../electron/tabsReport';

const APP = 'http://127.0.0.1:4321';

function refusal(payload: unknown): SiltError {
  try {
    parseTabsReport(payload);
  } catch (e) {
    return e as SiltError;
  }
  throw new Error(`accepted ${JSON.stringify(payload)?.slice(0, 80)}`);
}

describe('the silt:tabs report', () => {
  it('takes a list of absolute notebook paths, each once', () => {
    expect(parseTabsReport(['/home/ana/a.ipynb', '/home/ana/b c.ipynb', '/home/ana/a.ipynb'])).toEqual([
      '/home/ana/a.ipynb',
      '/home/ana/b c.ipynb',
    ]);
    expect(parseTabsReport([])).toEqual([]);
  });

  it('refuses what is not a list of absolute paths, naming the bad entry', () => {
    for (const bad of [null, undefined, '/home/ana/a.ipynb', { paths: ['/a.ipynb'] }, 42]) {
      const e = refusal(bad);
      expect(e.code).toBe('bad-request');
      expect(e.message).toMatch(/list of notebook paths/);
    }
    for (const bad of [
      [42],
      ['relative/a.ipynb'],
      [''],
      ['/a.ipynb', '/b\0.ipynb'],
      [{ path: '/a.ipynb' }],
      ['/' + 'x'.repeat(MAX_PATH_CHARS)],
    ]) {
      const e = refusal(bad);
      expect(e.code).toBe('bad-request');
      expect(e.message).toMatch(new RegExp(`entry ${bad.length - 1} is not an absolute notebook path`));
    }
  });

  it('refuses a report of more tabs than any window has', () => {
    const e = refusal(Array.from({ length: MAX_TABS + 1 }, (_, i) => `/n/${i}.ipynb`));
    expect(e.code).toBe('too-large');
    expect(e.message).toContain(String(MAX_TABS + 1));
  });
});

describe('who may send it', () => {
  it('only the app page in a window’s top frame', () => {
    expect(isTrustedFrame({ url: `${APP}/?path=%2Fa.ipynb`, parent: null }, APP)).toBe(true);
    // A frame inside the page (an output's iframe), even one on the app's origin.
    expect(isTrustedFrame({ url: `${APP}/`, parent: { url: `${APP}/` } }, APP)).toBe(false);
    // Gone or navigated away; another origin; a blob the page built from outputs; no kernel yet.
    expect(isTrustedFrame(null, APP)).toBe(false);
    expect(isTrustedFrame({ url: 'http://127.0.0.1:9999/', parent: null }, APP)).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null }, APP)).toBe(false);
    expect(isTrustedFrame({ url: `blob:${APP}/1234-5678`, parent: null }, APP)).toBe(false);
    expect(isTrustedFrame({ url: `${APP}/`, parent: null }, null)).toBe(false);
  });
});

describe('a notebook that is not there', () => {
  it('is named, with its folder, and Open Recent offers to remove it', () => {
    const fromOs = missingNotebookDialog('/mnt/team/Q3 review.ipynb', false);
    expect(fromOs.message).toBe('“Q3 review.ipynb” could not be opened');
    expect(fromOs.detail).toContain('/mnt/team/Q3 review.ipynb');
    expect(fromOs.detail).toContain('/mnt/team is not available');
    expect(fromOs.buttons).toEqual(['OK']);
    expect(fromOs.removeButton).toBeNull();

    const fromRecent = missingNotebookDialog('/mnt/team/Q3 review.ipynb', true);
    expect(fromRecent.buttons[fromRecent.removeButton!]).toBe('Remove from Open Recent');
    expect(fromRecent.detail).toMatch(/Remove it from Open Recent\?$/);
  });
});

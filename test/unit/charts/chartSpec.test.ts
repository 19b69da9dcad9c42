import { describe, expect, it } from 'vitest';
import { ChartSpecError, validateSpec } from '../../../kernel/charts/chartSpec';
import { SALES_COLUMNS } from './salesFixture';

const check = (spec: unknown) => validateSpec(spec, SALES_COLUMNS);

describe('validateSpec', () => {
  it('names the missing column and lists the columns the result has', () => {
    expect(() => check({ mark: 'bar', x: 'foo' })).toThrow(
      new ChartSpecError('column "foo" is not in the result; columns are day, region, segment, amount, units'),
    );
    expect(() => check({ mark: 'bar', x: 'region', y: 'amout' })).toThrow('column "amout" is not in the result');
  });

  it('fills in what a bar implies: summing y, or counting rows without y', () => {
    expect(check({ mark: 'bar', x: 'region', y: 'amount' })).toEqual({ mark: 'bar', x: 'region', y: 'amount', aggregate: 'sum' });
    expect(check({ mark: 'bar', x: 'region' })).toEqual({ mark: 'bar', x: 'region', aggregate: 'count' });
    expect(check({ mark: 'bar', x: 'region', y: 'amount', aggregate: 'count' })).toEqual({ mark: 'bar', x: 'region', aggregate: 'count' });
  });

  it('refuses measures that are not numbers', () => {
    expect(() => check({ mark: 'bar', x: 'day', y: 'region', aggregate: 'mean' })).toThrow('y column "region" is not numeric');
    expect(() => check({ mark: 'box', x: 'region', y: 'segment' })).toThrow('y column "segment" is not numeric');
    expect(() => check({ mark: 'cell', x: 'region', y: 'segment', color: 'day' })).toThrow('colour column "day" is not numeric');
  });

  it('explains combinations a mark cannot draw', () => {
    expect(() => check({ mark: 'histogram', x: 'region' })).toThrow('cannot be binned');
    expect(() => check({ mark: 'histogram', x: 'amount', y: 'units' })).toThrow('has no y column');
    expect(() => check({ mark: 'dot', x: 'units' })).toThrow('A dot chart needs a y column.');
    expect(() => check({ mark: 'dot', x: 'units', y: 'amount', aggregate: 'sum' })).toThrow('remove the aggregate');
    expect(() => check({ mark: 'line', x: 'day', y: 'amount', aggregate: 'avg' })).toThrow(
      'aggregate must be one of count, sum, mean, median, min, max; got "avg".',
    );
    expect(() => check({ mark: 'pie', x: 'region' })).toThrow('mark must be one of bar, line, area, dot, cell, histogram, box');
    expect(() => check({ mark: 'bar' })).toThrow('Choose a column for x.');
    expect(() => check('bar')).toThrow('The chart spec must be an object.');
  });

  it('keeps colour, facet, sort and a trimmed title; drops empty choices', () => {
    expect(
      check({ mark: 'line', x: 'day', y: 'amount', aggregate: 'mean', color: 'region', facet: 'segment', sort: '-x', title: ' Sales ' }),
    ).toEqual({
      mark: 'line',
      x: 'day',
      y: 'amount',
      aggregate: 'mean',
      color: 'region',
      facet: 'segment',
      sort: '-x',
      title: 'Sales',
    });
    expect(check({ mark: 'histogram', x: 'amount', color: '', facet: null, title: '' })).toEqual({ mark: 'histogram', x: 'amount' });
  });
});

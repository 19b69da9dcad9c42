/**
 * Every feature's contributions (`*.contribution.ts`), loaded once at start-up by main.tsx for their
 * side effect: each registers what it adds to shared parts of the UI. A new feature adds its line here.
 */
import './automl/automl.contribution';
import './charts/charts.contribution';
import './export/export.contribution';
import './quality/quality.contribution';

/** The embedded demo share's data: a simulated used-car marketplace as Bronze/Silver/Gold Delta tables. */
export { MarketplaceDemo, DEFAULT_SEED, type DemoTable } from './MarketplaceDemo';
export { EventGenerator, CHANNEL_FROM_BATCH } from './eventGenerator';
export { initialMarketState, type DemoEvent, type MarketState } from './marketState';

// Public API of the correlator: pair two captures of the same traffic (client side, server side) across NAT.

export * from './capture-clock';
export * from './capture-view';
export * from './connection-segments';
export * from './findings';
export * from './pair-report';
export { estimateClock } from './clock-offset';
export { clockLimits, reportableOffset, type Clocks } from './limits';
export { pairCaptures, DEFAULT_MIN_CONFIDENCE } from './pair-captures';
export { TwinFinder, sedLines, type SamePostReport, type SamePostTwin, type TwinView } from './same-post';
export { createPairStream, type PairStream, type PairStreamEvent, type PairStreamOptions } from './pair-stream';

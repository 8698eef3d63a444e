// Public API of the tracker stage: createTracker, the capture clock and timestamp parsing.
export { createTracker, type Tracker, type TrackerOptions, type TrackResult } from './tracker';
export { parseTimestamp, createCaptureClock, roundSeconds, type CaptureClock, type ParsedTimestamp, type TimestampFormat } from './timestamp';

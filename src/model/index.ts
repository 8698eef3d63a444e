// Re-exports of the shared data model; imports nothing outside src/model.
export * from './endpoint';
export * from './tcp-flags';
export * from './tcp-options';
export * from './line-result';
export * from './seq';
export * from './tcp-state';
export * from './findings';
export * from './verdict';
export * from './segment';
export * from './raw-record';

// Public API of the input stage: text or stream in, RawRecords (wrapped lines joined, glued pastes split) out.

export { createReassembler, detectWrapWidth, type Reassembler } from './reassemble';
export { readRecords, recordsFromText, type ReadRecordsOptions } from './read-capture';
export { captureMagic, type CaptureMagic } from './capture-magic';
